import { badUserInput } from '@hsg/core';
import { Field, InputType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { SourceDocument } from '../declarations/citation';
import { keysOf, SOURCE_KINDS } from '../declarations/vocabulary';
import { composable, whereComposed } from '../filters/boolean';
import { whereYears, YearRange } from '../filters/predicates';
import { anyColumnLike, likePattern } from '../search-terms/search';

/** A source id as citations write it ("003"); anything else is refused before any SQL. */
export const SOURCE_ID = /^\d{3}$/;

export function checkSourceId(id: string, field: string): string {
  if (!SOURCE_ID.test(id)) {
    throw badUserInput(`"${field}" must be a three-digit source id such as "003"; got "${id.slice(0, 100)}".`, field);
  }
  return id;
}

const KINDS = keysOf(SOURCE_KINDS);

@InputType({ description: 'Which sources to list.' })
export class SourceFilter {
  @Field(() => String, { nullable: true, description: `Only sources of this kind: ${KINDS.join(' or ')}.` })
  kind?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Part of the title, the English title or the publisher, as written ("总第1255期", "新年", "New-Year"; Latin letters case-folded; 1 to 50 characters). No pinyin: five titles are read, not looked up.',
  })
  search?: string | null;

  @Field(() => YearRange, {
    nullable: true,
    description:
      'Only sources published in a year in this range: { from: 2024, to: 2025 } (by the year of `publishedOn`; a source with no date never matches).',
  })
  published?: YearRange | null;
}
composable(SourceFilter, { named: false });

/** The year of a publication date as precise as the text shows ("2025", "2024-01", "2025-03-03"), in SQL both engines run. */
const publishedYear = (alias: string) => `CAST(substr(${alias}.publishedOn, 1, 4) AS integer)`;

/** The sources a filter selects, by id (their order in the texts' numbering). */
export function sourceQuery(dataSource: DataSource, filter: SourceFilter | null | undefined) {
  const qb = dataSource.getRepository(SourceDocument).createQueryBuilder('s').orderBy('s.id', 'ASC');
  if (filter?.kind != null) {
    if (!(KINDS as string[]).includes(filter.kind)) {
      throw badUserInput(`"filter.kind" must be ${KINDS.join(' or ')}; got "${filter.kind.slice(0, 100)}".`, 'filter.kind');
    }
    qb.andWhere('s.kind = :kind', { kind: filter.kind });
  }
  // Five rows: the LIKE reads them all, and needs no index (unlike the entity lists' search).
  if (filter?.search != null) {
    qb.andWhere(anyColumnLike('s', ['title', 'titleEn', 'publisher'], 'sourceLike'), {
      sourceLike: likePattern(filter.search, 'filter.search'),
    });
  }
  whereYears(qb, [publishedYear('s'), publishedYear('s')], filter?.published, 'filter.published', 'published');
  whereComposed(qb, filter, (f) => sourceQuery(dataSource, f));
  return qb;
}
