import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { z } from 'zod';
import { date } from '../declarations/rules';

/** The source an agency cites for a write: a document, its reference or URL, its date, a quote. */
export const sourceInputSchema = z
  .object({
    title: z.string().trim().min(2, 'name the document the change comes from').max(500),
    reference: z.string().trim().min(1).max(200).nullish(),
    url: z.string().url('must be a URL').max(2000).nullish(),
    date: date.nullish(),
    quote: z.string().trim().min(1).max(2000).nullish(),
  })
  .strict();
export type SourceRecord = z.infer<typeof sourceInputSchema>;

/**
 * One write, appended in the same transaction as the write itself: who (the agency; null for the
 * seed load from the source texts), when (server time), what (operation, entity, version, the
 * record before and after) and on what authority (the cited source). It is the entity's history,
 * the provenance of agency-written records and the subgraph's change feed. Nothing updates or
 * deletes these rows.
 */
@Entity('audit_record')
@Index(['agency', 'idempotencyKey'], { unique: true })
@Index(['entityType', 'entityId', 'version'], { unique: true })
export class AuditRecord {
  /** The change feed's order. */
  @PrimaryGeneratedColumn('increment')
  seq!: number;

  @Column('varchar')
  at!: string;

  @Column('varchar', { nullable: true })
  agency!: string | null;

  @Column('varchar')
  operation!: string;

  @Column('varchar')
  entityType!: string;

  @Column('varchar')
  entityId!: string;

  @Column('integer')
  version!: number;

  @Column('simple-json', { nullable: true })
  before!: Record<string, unknown> | null;

  @Column('simple-json')
  after!: Record<string, unknown>;

  @Column('simple-json', { nullable: true })
  source!: SourceRecord | null;

  @Column('varchar', { nullable: true })
  idempotencyKey!: string | null;

  /** Hash of the request an idempotency key was first used with. */
  @Column('varchar', { nullable: true })
  requestHash!: string | null;
}

@InputType({ description: 'The source an agency cites for a write.' })
export class SourceInput {
  @Field(() => String, { description: 'Title of the document the change comes from (a notice, a statistical bulletin …).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Its reference number (文号) or other identifier.' })
  reference?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is published.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Its date: YYYY, YYYY-MM or YYYY-MM-DD.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'The passage that supports the change.' })
  quote?: string | null;
}

@ObjectType({ description: 'The source an agency cited for a write.' })
@Directive('@shareable')
export class SubmittedSource {
  @Field(() => String, { description: 'Title of the document.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Its reference number or identifier.' })
  reference!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is published.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Its date.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'The passage that supports the change.' })
  quote!: string | null;
}

@ObjectType({ description: 'One version of a record: who wrote it, when, on what authority and which fields changed.' })
@Directive('@shareable')
export class Revision {
  @Field(() => Int, { description: 'The version this write produced (1 for the first).' })
  version!: number;

  @Field(() => String, { description: 'When it was written (ISO 8601, server time).' })
  at!: string;

  @Field(() => String, { description: 'What wrote it: "seed" (loaded from the source texts) or a mutation name.' })
  operation!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The agency that wrote it; null for a record loaded from the source texts (see `citations`).',
  })
  agency!: string | null;

  @Field(() => SubmittedSource, { nullable: true, description: 'The source the agency cited; null for the seed load.' })
  source!: SubmittedSource | null;

  @Field(() => [String], { description: 'The fields this version set or changed (every field given, for the first).' })
  changed!: string[];
}

/**
 * A revision as the API shows it, from an audit row; `changed` names the fields a write sets
 * (`fields`), not the columns derived from them (pinyin, the version stamp).
 */
export function revisionOf(a: AuditRecord, fields: readonly string[]): Revision {
  const changed = fields.filter((f) => JSON.stringify(a.before?.[f]) !== JSON.stringify(a.after[f])).sort();
  return {
    version: a.version,
    at: a.at,
    operation: a.operation,
    agency: a.agency,
    source: a.source
      ? {
          title: a.source.title,
          reference: a.source.reference ?? null,
          url: a.source.url ?? null,
          date: a.source.date ?? null,
          quote: a.source.quote ?? null,
        }
      : null,
    changed,
  };
}
