import { Column } from 'typeorm';
import { Directive, Field, ObjectType } from 'type-graphql';
import type { CitationRecord } from './citation';
import { Citation } from './citation';

/**
 * Columns and fields every cited record has: its citations, and whether the record rests on an
 * inference (an owner only implied by a name, two spellings merged) with a note saying which.
 * Citations are stored as JSON on the row: they are only ever read with their record.
 */
@ObjectType({ description: 'Base of every cited record; never emitted on its own.' })
export abstract class Cited {
  @Column('simple-json')
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [Citation], { description: 'The passages of the source texts that support this record.' })
  citations!: CitationRecord[];

  @Column('boolean', { default: false })
  @Field(() => Boolean, { description: 'True when part of this record is inferred rather than stated; `note` says what.' })
  inferred!: boolean;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What was inferred or is ambiguous about this record, and why.' })
  note!: string | null;
}
