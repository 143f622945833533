import { badUserInput } from '@hsg/core';
import { ListedEntityResolver, regionRef } from '@hsg/framework';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Attainment, attainmentOf, comparatorStated } from './attainment';
import { AS_OF_PATTERN } from './data-date';
import { TargetFilter, targetQuery } from './filters';
import { Indicator } from './indicator';
import { TargetConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { refreshJudgements } from './judgements';
import { Plan } from './plan';
import { RegionRef } from './stubs';
import { Target } from './target';

@Resolver(() => Target)
export class TargetResolver extends ListedEntityResolver({
  type: Target,
  one: 'target',
  byId: (ctx: IndicatorsContext) => ctx.targetById,
  many: 'targets',
  manyDescription: 'Targets, by id, filtered by plan, region, indicator, year and attainment.',
  connection: TargetConnection,
  filter: TargetFilter,
  regionType: RegionRef,
  query: (ctx, filter) => targetQuery(ctx.dataSource, filter),
  write: {
    scope: 'indicators:write',
    set: 'setTarget',
    regionOf: (t) => t.regionId ?? null,
    afterWrite: (manager, t) => refreshJudgements(manager, { ids: [t.id] }),
  },
}) {
  @FieldResolver(() => Attainment, {
    description:
      "Met, missed, undetermined or pending, from the observation for the target's region and year, judged as of `asOf` (by default the latest date the data covers, never the server's clock).",
  })
  attainment(
    @Root() t: Target,
    @Ctx() ctx: IndicatorsContext,
    @Arg('asOf', () => String, {
      nullable: true,
      description: 'Judge as of this date ("2026", "2025-06" or "2025-06-30"): a target whose year had not ended by then is PENDING.',
    })
    asOf?: string | null,
  ): Promise<Attainment> {
    if (asOf != null && !AS_OF_PATTERN.test(asOf)) {
      throw badUserInput(
        `"asOf" must be a date between 1900 and 2100 written 2025, 2025-06 or 2025-06-30; got "${asOf.slice(0, 40)}".`,
        'asOf',
      );
    }
    return attainmentOf(t, ctx, asOf);
  }

  @FieldResolver(() => Boolean, {
    description:
      'False when the plan writes a bare figure ("1550", "5.0"): `comparator` is then read from the indicator\'s direction, and attainment is judged by that direction (UNDETERMINED for a neutral indicator).',
  })
  comparatorStated(@Root() t: Target): boolean {
    return comparatorStated(t.valueText);
  }

  @FieldResolver(() => Indicator, { description: 'What the target is for.' })
  async indicator(@Root() t: Target, @Ctx() ctx: IndicatorsContext): Promise<Indicator> {
    return (await ctx.indicatorById.load(t.indicatorId))!;
  }

  @FieldResolver(() => Plan, { description: 'The plan that sets it.' })
  async plan(@Root() t: Target, @Ctx() ctx: IndicatorsContext): Promise<Plan> {
    return (await ctx.planById.load(t.planId))!;
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'The region it is for.' })
  region(@Root() t: Target) {
    return regionRef(t.regionId);
  }
}

@Resolver(() => Attainment)
export class AttainmentResolver {
  @FieldResolver(() => Observation, { nullable: true, description: 'The observation judged, if any.' })
  observation(@Root() a: Attainment): Observation | null {
    return a.observation;
  }
}
