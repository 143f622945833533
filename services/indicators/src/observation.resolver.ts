import { connectionFromArray, notFound, PageArgs, pageWindow, regionRef, type ConnectionShape } from '@hsg/common';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { findObservations, ObservationFilter } from './filters';
import { Indicator } from './indicator';
import { ObservationConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { RegionRef } from './stubs';

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => Observation, { nullable: true, description: 'One observation by id. An unknown id is a NOT_FOUND error.' })
  async observation(@Arg('id', () => ID) id: string, @Ctx() ctx: IndicatorsContext): Promise<Observation> {
    return (await ctx.observationById.load(id)) ?? Promise.reject(notFound('Observation', id));
  }

  @Query(() => ObservationConnection, { description: 'Observations in time order, filtered by indicator, region and years.' })
  async observations(
    @Arg('filter', () => ObservationFilter, { nullable: true }) filter: ObservationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Observation>> {
    const window = pageWindow(page);
    return connectionFromArray(await findObservations(ctx.dataSource, filter), window);
  }

  @FieldResolver(() => Indicator, { description: 'What was measured.' })
  async indicator(@Root() o: Observation, @Ctx() ctx: IndicatorsContext): Promise<Indicator> {
    return (await ctx.indicatorById.load(o.indicatorId))!;
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'Where; null for a national figure.' })
  region(@Root() o: Observation) {
    return regionRef(o.regionId);
  }
}
