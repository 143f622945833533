import { Directive, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { Citation, sourceIdOf, type CitationRecord } from './citation';
import { Attr } from './declaration';
import { citationSchema } from './rules';

/** Every citation names a source; the reference check reads the source ids out of the line locators. */
export const citationsRef = { family: 'sources', ids: (cs: CitationRecord[]) => cs.map((c) => sourceIdOf(c.lines)) };

export const CITATIONS_DESCRIPTION = 'The passages of the source texts that support this record.';

/**
 * Columns and fields every record has: its citations, whether it rests on an inference (an owner
 * only implied by a name, two spellings merged) with a note saying which, and its version.
 * Citations are stored as JSON on the row: they are only ever read with their record, and only
 * when a request asks for them (a lazy column). A record an
 * agency wrote has no citations of the texts; its `submissions` say who wrote it on what authority.
 */
@ObjectType({ description: 'Base of every cited record; never emitted on its own.' })
export abstract class Cited {
  @Directive('@listSize(assumedSize: 10)')
  @Attr(z.array(citationSchema).min(1, 'every record needs at least one citation'), {
    graphql: () => [Citation],
    ref: citationsRef,
    // Read only when `citations` is asked for (EntityResolver's field resolver).
    lazy: true,
    description: CITATIONS_DESCRIPTION,
  })
  citations!: CitationRecord[];

  @Attr(z.boolean().default(false), {
    writable: false,
    description: 'True when part of this record is inferred rather than stated; `note` says what.',
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
