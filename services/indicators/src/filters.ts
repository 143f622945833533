import { badUserInput } from '@hsg/core';
import { composable, TargetNature, TargetScope, whereCites, whereComposed, whereSearch, whereYears, YearRange } from '@hsg/framework';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { AttainmentStatus } from './attainment';
import { Indicator } from './indicator';
import { Observation } from './observation';
import { whereAttainment } from './judgements';
import { Plan } from './plan';
import { Target } from './target';

@InputType({ description: 'Which indicators to list.' })
export class IndicatorFilter {
  @Field(() => String, { nullable: true, description: "Part of the Chinese or English name, or of the Chinese name's pinyin." })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this domain (健康水平 …).' })
  domain?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only indicators citing this source ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(IndicatorFilter, { named: true });

@InputType({ description: 'Which observations to list; periods overlapping [from, to] match.' })
export class ObservationFilter {
  @Field(() => ID, { nullable: true, description: 'Only this indicator.' })
  indicatorId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Only this region (exactly; a city's figure is not its districts'). Not allowed inside Region.observations.",
  })
  regionId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only periods ending in or after this year.' })
  from?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only periods starting in or before this year.' })
  to?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only observations with a number (true), or only those the source gives none for (false).',
  })
  hasValue?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only observations citing this source ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(ObservationFilter, { named: false });

@InputType({ description: 'Which targets to list.' })
export class TargetFilter {
  @Field(() => ID, { nullable: true, description: 'Only targets of this plan.' })
  planId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only targets for this region (exactly).' })
  regionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only targets for this indicator.' })
  indicatorId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only targets for this year.' })
  year?: number | null;

  @Field(() => YearRange, { nullable: true, description: 'Only targets for a year in this range: { from: 2021, to: 2025 }.' })
  years?: YearRange | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only targets stated with a baseline (true), or only those without one (false: the plan gives no starting figure).',
  })
  hasBaseline?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only targets with a number (true), or only those without (false: a qualitative goal or a change from the baseline).',
  })
  hasValue?: boolean | null;

  @Field(() => [AttainmentStatus], { nullable: true, description: 'Only targets whose attainment is one of these.' })
  attainment?: AttainmentStatus[] | null;

  @Field(() => [TargetNature], {
    nullable: true,
    description: 'Only binding (约束性) or expected (预期性) targets; a target whose plan says neither has no nature and never matches.',
  })
  nature?: (keyof typeof TargetNature)[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only targets set in one of these parts of their plan ("表2", "专栏1", "第四章"; see `Target.section`).',
  })
  sections?: string[] | null;

  @Field(() => [TargetScope], {
    nullable: true,
    description: 'Only targets with one of these scopes (EACH_CITY: what each city of the region must reach on its own).',
  })
  scope?: (keyof typeof TargetScope)[] | null;

  @Field(() => ID, { nullable: true, description: 'Only targets citing this source ("002", the Guangzhou plan).' })
  sourceId?: string | null;
}
composable(TargetFilter, { named: false });

@InputType({ description: 'Which plans to list.' })
export class PlanFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the Chinese or English name or an alias, or of their pinyin (互认, hu ren, mutual recognition).',
  })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only plans made for this region (exactly).' })
  regionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only plans citing this source ("003", the 2025-03-03 issue).' })
  sourceId?: string | null;
}
composable(PlanFilter, { named: true });

export function planQuery(dataSource: DataSource, filter: PlanFilter | null | undefined) {
  const qb = dataSource.getRepository(Plan).createQueryBuilder('p').orderBy('p.id', 'ASC');
  if (filter?.regionId) qb.andWhere('p.regionId = :regionId', { regionId: filter.regionId });
  whereCites(qb, 'p', filter?.sourceId);
  if (filter?.search != null) whereSearch(qb, Plan, filter.search);
  whereComposed(qb, filter, (f) => planQuery(dataSource, f));
  return qb;
}

export function indicatorQuery(dataSource: DataSource, filter: IndicatorFilter | null | undefined) {
  const qb = dataSource.getRepository(Indicator).createQueryBuilder('i').orderBy('i.id', 'ASC');
  if (filter?.domain) qb.andWhere('i.domain = :domain', { domain: filter.domain });
  whereCites(qb, 'i', filter?.sourceId);
  if (filter?.search != null) whereSearch(qb, Indicator, filter.search);
  whereComposed(qb, filter, (f) => indicatorQuery(dataSource, f));
  return qb;
}

function checkYears(from?: number | null, to?: number | null) {
  if (from != null && to != null && from > to) throw badUserInput(`"from" (${from}) is after "to" (${to}).`, 'filter.from');
}

/**
 * Observations in time order, the year window in SQL (periods are stored with their first and last
 * year). `regionIds` (for a batch of Region.observations) replaces `filter.regionId`.
 */
export function observationQuery(dataSource: DataSource, filter: ObservationFilter | null | undefined, regionIds?: string[]) {
  checkYears(filter?.from, filter?.to);
  const qb = dataSource.getRepository(Observation).createQueryBuilder('o').orderBy('o.period', 'ASC').addOrderBy('o.id', 'ASC');
  if (filter?.indicatorId) qb.andWhere('o.indicatorId = :indicatorId', { indicatorId: filter.indicatorId });
  const regions = regionIds ?? (filter?.regionId ? [filter.regionId] : null);
  if (regions) qb.andWhere('o.regionId IN (:...regions)', { regions });
  whereCites(qb, 'o', filter?.sourceId);
  if (filter?.from != null) qb.andWhere('o.yearTo >= :from', { from: filter.from });
  if (filter?.to != null) qb.andWhere('o.yearFrom <= :to', { to: filter.to });
  if (filter?.hasValue != null) qb.andWhere(`o.value IS ${filter.hasValue ? 'NOT ' : ''}NULL`);
  whereComposed(qb, filter, (f) => observationQuery(dataSource, f));
  return qb;
}

/** `regionIds` (for a batch of Region.targets) replaces `filter.regionId`; attainment by the stored judgement (judgements.ts). */
export function targetQuery(dataSource: DataSource, filter: TargetFilter | null | undefined, regionIds?: string[]) {
  const qb = dataSource.getRepository(Target).createQueryBuilder('t').orderBy('t.id', 'ASC');
  if (filter?.planId) qb.andWhere('t.planId = :planId', { planId: filter.planId });
  const regions = regionIds ?? (filter?.regionId ? [filter.regionId] : null);
  if (regions) qb.andWhere('t.regionId IN (:...regions)', { regions });
  if (filter?.indicatorId) qb.andWhere('t.indicatorId = :indicatorId', { indicatorId: filter.indicatorId });
  if (filter?.year != null) qb.andWhere('t.year = :year', { year: filter.year });
  if (filter?.nature?.length) qb.andWhere('t.nature IN (:...nature)', { nature: filter.nature });
  if (filter?.sections?.length) qb.andWhere('t.section IN (:...sections)', { sections: filter.sections });
  if (filter?.scope?.length) qb.andWhere('t.scope IN (:...scope)', { scope: filter.scope });
  if (filter?.attainment?.length) whereAttainment(qb, 't', filter.attainment);
  whereCites(qb, 't', filter?.sourceId);
  whereYears(qb, ['t.year', 't.year'], filter?.years, 'filter.years', 'years');
  if (filter?.hasBaseline != null) qb.andWhere(`t.baseline IS ${filter.hasBaseline ? 'NOT ' : ''}NULL`);
  if (filter?.hasValue != null) qb.andWhere(`t.value IS ${filter.hasValue ? 'NOT ' : ''}NULL`);
  whereComposed(qb, filter, (f) => targetQuery(dataSource, f));
  return qb;
}
