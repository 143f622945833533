import { Attr, Cited, date, dayBounds, Family, regionId, slug, text } from '@hsg/framework';
import { Entity } from 'typeorm';
import { z } from 'zod';
import { Directive, Field, ObjectType } from 'type-graphql';

/** How an appearance is stored in the meeting's JSON column. */
export interface AppearanceRecord {
  personId: string;
  role: string;
}

@Entity('meeting')
@Family({
  family: 'meetings',
  // The days a loosely dated meeting can have been held on, in columns so date filters compare days.
  derive: (m: { date: string; notAfter?: string | null }) => {
    const { earliest, latest } = dayBounds(m.date, m.notAfter);
    return { earliestDate: earliest, latestDate: latest };
  },
  refine: (schema) =>
    schema.superRefine((m, ctx) => {
      const { date: held, notAfter } = m as { date: string; notAfter?: string | null };
      if (notAfter == null) return;
      const { earliest, latest } = dayBounds(held);
      if (notAfter < earliest || notAfter > latest) {
        ctx.addIssue({ code: 'custom', path: ['notAfter'], message: `must be a day within "${held}" (${earliest} … ${latest})` });
      }
    }),
})
@ObjectType({ description: 'A conference or meeting the sources report.' })
@Directive('@key(fields: "id")')
export class Meeting extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Name as written.' })
  name!: string;

  @Attr(date, { index: true, description: 'When it was held, as precise as the source tells: "2025" (year only), "2025-01-22".' })
  date!: string;

  @Attr(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .nullish(),
    {
      description:
        'The last day the source allows where it dates the meeting loosely: a meeting a report of 2025-03-03 says was held 近日 (recently) was held on or before that day. Null where `date` alone bounds it.',
    },
  )
  notAfter!: string | null;

  @Attr(z.string(), {
    derived: true,
    index: true,
    default: '',
    description: 'The first day it can have been held on: the first day of `date`. Date filters compare these bounds.',
  })
  earliestDate!: string;

  @Attr(z.string(), {
    derived: true,
    index: true,
    default: '',
    description: 'The last day it can have been held on: the last day of `date`, or `notAfter` where that is earlier.',
  })
  latestDate!: string;

  /** The region the meeting is for: its venue where the text states one, else the region of whoever held it. */
  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;

  /** Where the text says it was held (在广州召开); null where it does not say. */
  @Attr(regionId.nullish(), { graphql: false, ref: 'regions' })
  venueId!: string | null;

  @Attr(slug.nullish(), { index: true, graphql: false, ref: 'organizations' })
  organizerId!: string | null;

  /** Read only with the meeting, hence JSON; `Person.appearances` matches on the personId inside. */
  @Attr(z.array(z.object({ personId: slug, role: text }).strict()).default([]), {
    graphql: false,
    ref: { family: 'people', ids: (as: AppearanceRecord[]) => as.map((a) => a.personId) },
  })
  appearances!: AppearanceRecord[];
}

@ObjectType({ description: "A person's part in a meeting (出席会议并讲话, 主持会议 …)." })
export class Appearance {
  personId!: string;

  @Field(() => String, { description: 'What the person did there, as written.' })
  role!: string;

  @Field(() => Meeting, { description: 'The meeting.' })
  meeting!: Meeting;
}
