import { PageArgs, scopedToRegion, type ConnectionShape } from '@hsg/framework';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ObservationFilter, TargetFilter } from './filters';
import { ObservationConnection, TargetConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import type { Observation } from './observation';
import { Plan } from './plan';
import { RegionRef } from './stubs';
import type { Target } from './target';

/** The fields this subgraph adds to Region. A region's figures are its own: a city's are not its districts'. */
@Resolver(() => RegionRef)
export class RegionIndicatorsResolver {
  @FieldResolver(() => ObservationConnection, { description: 'Figures for this region, in time order, filtered by indicator and years.' })
  observations(
    @Root() region: RegionRef,
    @Arg('filter', () => ObservationFilter, { nullable: true }) filter: ObservationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Observation>> {
    return ctx.regionObservations.load({ parentId: region.id, filter: scopedToRegion(filter, 'Region.observations'), page });
  }

  @FieldResolver(() => TargetConnection, {
    description: 'Targets set for this region, by id, filtered by plan, indicator, year and attainment.',
  })
  targets(
    @Root() region: RegionRef,
    @Arg('filter', () => TargetFilter, { nullable: true }) filter: TargetFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Target>> {
    return ctx.regionTargets.load({ parentId: region.id, filter: scopedToRegion(filter, 'Region.targets'), page });
  }

  @FieldResolver(() => [Plan], { description: 'Plans made for this region.' })
  plans(@Root() region: RegionRef, @Ctx() ctx: IndicatorsContext): Promise<Plan[]> {
    return ctx.plansOfRegion.load(region.id);
  }
}
