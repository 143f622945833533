import { badUserInput } from '@hsg/core';
import { ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { Citation, sourceIdOf, type CitationRecord } from './citation';
import { Attr } from './declaration';
import { citationSchema } from './rules';

/** Every citation names a source; the reference check reads the source ids out of the line locators. */
export const citationsRef = { family: 'sources', ids: (cs: CitationRecord[]) => cs.map((c) => sourceIdOf(c.lines)) };

/** Every source a record cites anywhere in it (its citations, a project's status reports), in order, each once. */
export function citedSourceIds(record: unknown): string[] {
  const ids = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const { lines } = value as { lines?: unknown };
      if (typeof lines === 'string') ids.add(sourceIdOf(lines));
      Object.values(value).forEach(walk);
    }
  };
  walk(record);
  return [...ids].sort();
}

/**
 * A list filter's `sourceId`: only records citing that source (anywhere in the record). Matched
 * in the derived `sourceIds` column (",002,003,"), plain text on SQLite and PostgreSQL alike.
 */
export function whereCites<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  sourceId: string | null | undefined,
  field = 'filter.sourceId',
) {
  if (sourceId == null) return qb;
  if (!/^\d{3}$/.test(sourceId)) {
    throw badUserInput(`"${field}" must be a three-digit source id such as "003" (see Citation.source); got "${sourceId}".`, field);
  }
  return qb.andWhere(`${alias}.sourceIds LIKE :citedIn`, { citedIn: `%,${sourceId},%` });
}
export const CITATIONS_DESCRIPTION = 'The passages of the source texts that support this record.';

/**
 * Columns and fields every record has: its citations, whether any fact of it rests on an inference
 * (an owner only implied by a name, two spellings merged, a link the text does not state) with a
 * note saying which, and its version.
 * Citations are stored as JSON on the row: they are only ever read with their record, and only
 * when a request asks for them (a lazy column). A record an
 * agency wrote has no citations of the texts; its `submissions` say who wrote it on what authority.
 */
@ObjectType({ description: 'Base of every cited record; never emitted on its own.' })
export abstract class Cited {
  @Attr(z.array(citationSchema).min(1, 'every record needs at least one citation'), {
    graphql: () => [Citation],
    ref: citationsRef,
    // Read only when `citations` is asked for (EntityResolver's field resolver).
    lazy: true,
    description: CITATIONS_DESCRIPTION,
  })
  citations!: CitationRecord[];

  /** The sources cited, ",002,003,", for `filter.sourceId` (derived; the citations themselves are JSON). */
  @Attr(z.string(), {
    derived: true,
    graphql: false,
    default: '',
    compute: (record) => {
      const ids = citedSourceIds(record);
      return ids.length ? `,${ids.join(',')},` : '';
    },
  })
  sourceIds!: string;

  // Record-level on purpose: a link (a project's facility, a campus's parent, a post's
  // organization) lives on one record, so "any fact of this record" covers every link and merge.
  @Attr(z.boolean().default(false), {
    writable: false,
    description:
      'True when any fact of this record is inferred rather than stated by its text: a field, a link to another record (its facility, parent, host, indicator, organization, venue, region) or the merge of two spellings into it; `note` says which and why. Lists keep stated records only with `filter: { inferred: false }`.',
  })
  inferred!: boolean;

  @Attr(z.string().min(1).optional(), { column: 'text', description: 'What was inferred or is ambiguous about this record, and why.' })
  note!: string | null;

  @Attr(z.number().int(), {
    derived: true,
    default: 1,
    description: 'Version of this record: 1 as first loaded or created, one more with every change. Updates name the version they expect.',
  })
  version!: number;

  @Attr(z.string(), { derived: true, default: '', description: 'When this version was written (ISO 8601, server time).' })
  updatedAt!: string;
}
