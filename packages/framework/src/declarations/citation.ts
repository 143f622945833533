import { Directive, Field, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { z } from 'zod';
import { Attr, Family } from './declaration';
import { citationSchema, date, text } from './rules';
import { ID_MAX_LENGTH } from './bounds';
import { keysOf, SOURCE_KINDS } from './vocabulary';

/**
 * One of the five source texts. Identical in every subgraph (every subgraph's citations resolve
 * their source from its own `source_document` table), hence `@shareable`. Everything the seed
 * record says about the source is stored, so a researcher reads from the graph how its title and
 * date were settled, and the text behind them, as for any other record.
 */
@Entity('source_document')
@Family({ family: 'sources' })
@ObjectType({
  description:
    'A source text the data is taken from (a plan or a newspaper issue). `sources` lists them; the filter of every list takes `sourceId` and gives the records it backs: `projects(filter: { sourceId: "003" })`.',
})
@Directive('@shareable')
export class SourceDocument {
  @Attr(z.string().regex(/^\d{3}$/, 'must be the three-digit source id'), {
    primary: true,
    description: 'Three-digit source id, e.g. "002"; also the prefix of citation line locators.',
  })
  id!: string;

  @Attr(text, { description: 'Title as printed.' })
  title!: string;

  @Attr(text.optional(), { description: 'English title, where one is given.' })
  titleEn!: string | null;

  @Attr(text.nullable(), { description: 'Who published it.' })
  publisher!: string | null;

  @Attr(date.nullable(), { description: 'Publication date, as precise as the text shows: "2025-03-03", "2024-01" or "2025".' })
  publishedOn!: string | null;

  @Attr(z.enum(keysOf(SOURCE_KINDS)), { graphql: () => String, description: 'PLAN or NEWSPAPER.' })
  kind!: string;

  @Attr(z.string().min(1), {
    maxLength: ID_MAX_LENGTH,
    description:
      'The file of the source text, in the shared sources folder ("003_568098135f573bfe.txt"); citation line numbers count its lines.',
  })
  file!: string;

  @Attr(z.string().min(1).optional(), {
    column: 'text',
    description:
      'How the publication date (and the title and publisher, where not printed) was settled: what the text shows, and what was inferred.',
  })
  dateNote!: string | null;

  @Attr(z.boolean().default(false), {
    default: false,
    description: 'True when the title, date or publisher was inferred rather than printed in the text; `dateNote` says which.',
  })
  inferred!: boolean;

  @Attr(z.array(citationSchema).min(1, 'every source needs at least one citation'), {
    graphql: () => [Citation],
    description: 'The passages of the text that support its title, date and publisher (the masthead, where it has one).',
  })
  citations!: CitationRecord[];

  @Attr(z.string().min(1).optional(), { column: 'text', description: 'Anything else about the source.' })
  note!: string | null;
}

/** How a citation is stored inside an entity's `citations` JSON column. */
export interface CitationRecord {
  lines: string;
  quote: string;
}

@ObjectType({ description: 'Where a fact comes from: a source, a line range in it, and the exact phrase that supports the fact.' })
@Directive('@shareable')
// Priced like a scalar list: citations are a JSON column of their record's own row, read with it
// (no statement, no fetch of their own); their `source` is still priced as the object it is.
@Directive('@cost(weight: 0)')
export class Citation {
  @Field(() => SourceDocument, { description: 'The source text.' })
  source!: SourceDocument;

  @Field(() => String, { description: 'Source id and line range, e.g. "002:2318-2328" (lines as `sed -n` counts them).' })
  lines!: string;

  @Field(() => String, { description: 'The short exact phrase that supports the fact (white space aside).' })
  quote!: string;
}

/** The source id a line locator names: "002:2318-2328" → "002". */
export function sourceIdOf(lines: string): string {
  return lines.split(':')[0];
}
