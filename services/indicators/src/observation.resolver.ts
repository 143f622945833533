import { ListedEntityResolver, regionRef } from '@hsg/framework';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { observationQuery, ObservationFilter } from './filters';
import { Indicator } from './indicator';
import { ObservationConnection } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { refreshJudgements } from './judgements';
import { RegionRef } from './stubs';
import { parseValueText } from './value-text';

@Resolver(() => Observation)
export class ObservationResolver extends ListedEntityResolver({
  type: Observation,
  one: 'observation',
  byId: (ctx: IndicatorsContext) => ctx.observationById,
  many: 'observations',
  manyDescription: 'Observations in time order, filtered by indicator, region and years.',
  connection: ObservationConnection,
  filter: ObservationFilter,
  regionType: RegionRef,
  query: (ctx, filter) => observationQuery(ctx.dataSource, filter),
  write: {
    scope: 'indicators:write',
    create: 'recordObservation',
    regionOf: (o) => o.regionId ?? null,
    // The value and qualifier are read from the text as the seeds are, unless the agency gives them.
    prepare: (o) => {
      const parsed = typeof o.valueText === 'string' ? parseValueText(o.valueText) : { value: null, qualifier: null };
      return { ...o, value: o.value ?? parsed.value, qualifier: o.qualifier ?? parsed.qualifier };
    },
    // A new figure can decide the targets it is the figure for.
    afterWrite: (manager, o) => refreshJudgements(manager, { observed: [o as Observation] }),
  },
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
