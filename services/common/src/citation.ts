import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** One of the five source texts. Identical in every subgraph, hence `@shareable`. */
@Entity('source_document')
@ObjectType({ description: 'A source text the data is taken from (a plan or a newspaper issue).' })
@Directive('@shareable')
export class SourceDocument {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Three-digit source id, e.g. "002"; also the prefix of citation line locators.' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Title as printed.' })
  title!: string;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'English title, where one is given.' })
  titleEn!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Who published it.' })
  publisher!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Publication date, as precise as the text shows: "2025-03-03", "2024-01" or "2025".',
  })
  publishedOn!: string | null;

  @Column('varchar')
  @Field(() => String, { description: 'PLAN or NEWSPAPER.' })
  kind!: string;
}

/** How a citation is stored inside an entity's `citations` JSON column. */
export interface CitationRecord {
  lines: string;
  quote: string;
}

@ObjectType({ description: 'Where a fact comes from: a source, a line range in it, and the exact phrase that supports the fact.' })
@Directive('@shareable')
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
