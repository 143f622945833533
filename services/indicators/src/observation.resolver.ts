import { connectionFromArray, ListedEntityResolver, regionRef } from '@hsg/common';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { findObservations, ObservationFilter } from './filters';
import { Indicator } from './indicator';
import { ObservationConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { RegionRef } from './stubs';

@Resolver(() => Observation)
export class ObservationResolver extends ListedEntityResolver({
  type: Observation,
  one: 'observation',
  byId: (ctx: IndicatorsContext) => ctx.observationById,
  many: 'observations',
  manyDescription: 'Observations in time order, filtered by indicator, region and years.',
  connection: ObservationConnection,
  filter: ObservationFilter,
  page: async (ctx, filter, window) => connectionFromArray(await findObservations(ctx.dataSource, filter), window),
}) {
  @FieldResolver(() => Indicator, { description: 'What was measured.' })
  async indicator(@Root() o: Observation, @Ctx() ctx: IndicatorsContext): Promise<Indicator> {
    return (await ctx.indicatorById.load(o.indicatorId))!;
  }

  @FieldResolver(() => RegionRef, { nullable: true, description: 'Where; null for a national figure.' })
  region(@Root() o: Observation) {
    return regionRef(o.regionId);
  }
}
