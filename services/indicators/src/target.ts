import {
  Attr,
  Cited,
  Comparator,
  Family,
  oneOf,
  regionId,
  slug,
  TargetNature,
  TargetScope,
  text,
  valueAgreesWithText,
} from '@hsg/framework';
import { Column, Entity, Index } from 'typeorm';
import { z } from 'zod';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

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
@Family({
  family: 'targets',
  refine: (schema) => schema.superRefine(valueAgreesWithText()).superRefine(valueAgreesWithText(['baseline'])),
})
@ObjectType({ description: "A plan's goal for an indicator in a region and year; `attainment` says whether it was met." })
@Directive('@key(fields: "id")')
export class Target extends Cited {
  @Attr(slug, { primary: true, description: 'Stable slug.' })
  id!: string;

  @Attr(slug, { index: true, graphql: false, ref: 'indicators' })
  indicatorId!: string;

  @Attr(regionId.nullish(), { index: true, graphql: false, ref: 'regions' })
  regionId!: string | null;

  @Attr(slug, { index: true, graphql: false, ref: 'plans' })
  planId!: string;

  @Attr(oneOf(TargetScope).default('REGION'), {
    default: 'REGION',
    description:
      'Whose target it is within `region`: the region as a whole, or each city or county in it on its own ("确保每个地市至少有一家…" is EACH_CITY of Guangdong). A target a text sets for a list of cities is one target per city.',
  })
  scope!: keyof typeof TargetScope;

  @Attr(z.number().int().min(1990).max(2100), { description: 'The year the goal is for.' })
  year!: number;

  @Attr(oneOf(Comparator), { description: 'How the actual value is compared with `value`.' })
  comparator!: keyof typeof Comparator;

  @Attr(z.number().finite().nullable(), { description: "The goal's number; null for a qualitative goal or a change from the baseline." })
  value!: number | null;

  @Attr(text, { description: 'The goal as written ("≥95", "83.6左右", "持续提升").' })
  valueText!: string;

  @Attr(oneOf(TargetNature).nullish(), { description: 'Expected (预期性) or binding (约束性), where the plan says.' })
  nature!: keyof typeof TargetNature | null;

  @Attr(text.nullish(), {
    index: true,
    description:
      'Where in the plan the target is set: a table ("表1", "表2"), a box ("专栏1") or the chapter of the body text ("第四章"); null for a target a newspaper reports.',
  })
  section!: string | null;

  @Attr(z.object({ year: z.number().int(), value: z.number().finite().nullable(), valueText: text }).strict().nullish(), {
    graphql: () => Baseline,
    description: 'Where the plan starts from.',
  })
  baseline!: Baseline | null;

  /**
   * What the figures decide, whatever the date: MET, MISSED, or null while none decides it (then
   * the target is pending or undetermined by its year). Not part of the record: kept by
   * refreshJudgements after every seed load and every write of a target or an observation, so the
   * `attainment` filter is a WHERE and its list pages in SQL.
   */
  @Column('varchar', { nullable: true })
  @Index()
  judgement!: string | null;
}
