import { Cited } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How an appearance is stored in the meeting's JSON column. */
export interface AppearanceRecord {
  personId: string;
  role: string;
}

@Entity('meeting')
@ObjectType({ description: 'A conference or meeting the sources report.' })
@Directive('@key(fields: "id")')
export class Meeting extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Column('varchar')
  @Field(() => String, { description: 'Name as written.' })
  name!: string;

  @Index()
  @Column('varchar')
  @Field(() => String, { description: 'When it was held, as precise as the source tells: "2025" (year only), "2025-01-22".' })
  date!: string;

  @Index()
  @Column('varchar', { nullable: true })
  regionId!: string | null;

  @Index()
  @Column('varchar', { nullable: true })
  organizerId!: string | null;

  /** Read only with the meeting, hence JSON; `Person.appearances` matches on the personId inside. */
  @Column('simple-json')
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
