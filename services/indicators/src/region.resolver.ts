import { connectionFromArray, PageArgs, pageWindow, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { AttainmentStatus } from './attainment';
import { inYears } from './filters';
import { ObservationConnection, TargetConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import type { Observation } from './observation';
import { Plan } from './plan';
import { RegionRef } from './stubs';
import type { Target } from './target';
import { withAttainment } from './target.resolver';

/** The fields this subgraph adds to Region. A region's figures are its own: a city's are not its districts'. */
@Resolver(() => RegionRef)
export class RegionIndicatorsResolver {
  @FieldResolver(() => ObservationConnection, { description: 'Figures for this region, in time order, optionally for one indicator and years.' })
  async observations(
    @Root() region: RegionRef,
    @Arg('indicatorId', () => ID, { nullable: true }) indicatorId: string | null,
    @Arg('from', () => Int, { nullable: true }) from: number | null,
    @Arg('to', () => Int, { nullable: true }) to: number | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Observation>> {
    const window = pageWindow(page);
    const rows = inYears(await ctx.observationsOfRegion.load(region.id), { from, to }).filter((o) => !indicatorId || o.indicatorId === indicatorId);
    return connectionFromArray(rows, window);
  }

  @FieldResolver(() => TargetConnection, { description: 'Targets set for this region, optionally of one plan and attainment.' })
  async targets(
    @Root() region: RegionRef,
    @Arg('planId', () => ID, { nullable: true }) planId: string | null,
    @Arg('attainment', () => [AttainmentStatus], { nullable: true }) attainment: AttainmentStatus[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Target>> {
    const window = pageWindow(page);
    const mine = (await ctx.targetsOfRegion.load(region.id)).filter((t) => !planId || t.planId === planId);
    return connectionFromArray(await withAttainment(mine, attainment, ctx), window);
  }

  @FieldResolver(() => [Plan], { description: 'Plans made for this region.' })
  plans(@Root() region: RegionRef, @Ctx() ctx: IndicatorsContext): Promise<Plan[]> {
    return ctx.plansOfRegion.load(region.id);
  }
}
