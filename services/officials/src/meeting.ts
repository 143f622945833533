import { Attr, Cited, date, Family, regionId, slug, text } from '@hsg/common';
import { Entity } from 'typeorm';
import { z } from 'zod';
import { Directive, Field, ObjectType } from 'type-graphql';

/** How an appearance is stored in the meeting's JSON column. */
export interface AppearanceRecord {
  personId: string;
  role: string;
}

@Entity('meeting')
@Family({ family: 'meetings' })
@ObjectType({ description: 'A conference or meeting the sources report.' })
@Directive('@key(fields: "id")')
export class Meeting extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(text, { name: 'NAME', description: 'Name as written.' })
  name!: string;

  @Attr(date, { index: true, description: 'When it was held, as precise as the source tells: "2025" (year only), "2025-01-22".' })
  date!: string;

  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;

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
