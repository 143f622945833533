import { Cited, Comparator, TargetNature } from '@hsg/common';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'The level a target starts from.' })
export class Baseline {
  @Field(() => Int, { description: 'Baseline year.' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'Baseline value; null where the source gives none.' })
  value!: number | null;

  @Field(() => String, { description: 'As written.' })
  valueText!: string;
}

@Entity('target')
@ObjectType({ description: "A plan's goal for an indicator in a region and year; `attainment` says whether it was met." })
@Directive('@key(fields: "id")')
export class Target extends Cited {
  @PrimaryColumn('varchar')
  @Field(() => ID, { description: 'Stable slug.' })
  id!: string;

  @Index()
  @Column('varchar')
  indicatorId!: string;

  @Index()
  @Column('varchar', { nullable: true })
  regionId!: string | null;

  @Index()
  @Column('varchar')
  planId!: string;

  @Column('integer')
  @Field(() => Int, { description: 'The year the goal is for.' })
  year!: number;

  @Column('varchar')
  @Field(() => Comparator, { description: 'How the actual value is compared with `value`.' })
  comparator!: keyof typeof Comparator;

  @Column('double precision', { nullable: true })
  @Field(() => Float, { nullable: true, description: "The goal's number; null for a qualitative goal or a change from the baseline." })
  value!: number | null;

  @Column('varchar')
  @Field(() => String, { description: 'The goal as written ("≥95", "83.6左右", "持续提升").' })
  valueText!: string;

  @Column('varchar', { nullable: true })
  @Field(() => TargetNature, { nullable: true, description: 'Expected (预期性) or binding (约束性), where the plan says.' })
  nature!: keyof typeof TargetNature | null;

  @Column('simple-json', { nullable: true })
  @Field(() => Baseline, { nullable: true, description: 'Where the plan starts from.' })
  baseline!: Baseline | null;
}
