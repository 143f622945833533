import {
  badUserInput,
  Connection,
  connectionFromArray,
  ListedEntityResolver,
  PageArgs,
  pageWindow,
  type ConnectionShape,
} from '@hsg/common';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { IndicatorFilter, indicatorQuery, inYears, ObservationFilter } from './filters';
import { Indicator } from './indicator';
import type { IndicatorsContext } from './loaders';
import { Observation } from './observation';
import { Target } from './target';

export const IndicatorConnection = Connection(Indicator, 'Indicator', 'A page of indicators.');
export const ObservationConnection = Connection(Observation, 'Observation', 'A page of observations, in time order.');
export const TargetConnection = Connection(Target, 'Target', 'A page of targets.');

@Resolver(() => Indicator)
export class IndicatorResolver extends ListedEntityResolver({
  type: Indicator,
  one: 'indicator',
  byId: (ctx: IndicatorsContext) => ctx.indicatorById,
  many: 'indicators',
  manyDescription: 'Indicators, by id, filtered and paged.',
  connection: IndicatorConnection,
  filter: IndicatorFilter,
  query: (ctx, filter) => indicatorQuery(ctx.dataSource, filter),
}) {
  @FieldResolver(() => ObservationConnection, { description: 'Its observations in time order, filtered by region and years.' })
  async observations(
    @Root() indicator: Indicator,
    @Arg('filter', () => ObservationFilter, { nullable: true }) filter: ObservationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Observation>> {
    if (filter?.indicatorId)
      throw badUserInput('Indicator.observations is already scoped to the indicator; drop "filter.indicatorId".', 'filter.indicatorId');
    const window = pageWindow(page);
    const rows = inYears(await ctx.observationsOfIndicator.load(indicator.id), filter).filter(
      (o) => !filter?.regionId || o.regionId === filter.regionId,
    );
    return connectionFromArray(rows, window);
  }

  @FieldResolver(() => TargetConnection, { description: 'The targets plans set for it.' })
  async targets(
    @Root() indicator: Indicator,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Target>> {
    const window = pageWindow(page);
    return connectionFromArray(await ctx.targetsOfIndicator.load(indicator.id), window);
  }
}
