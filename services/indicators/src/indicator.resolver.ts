import { badUserInput } from '@hsg/core';
import { BEST_MATCH_FIRST, Connection, ListedEntityResolver, PageArgs, type ConnectionShape } from '@hsg/framework';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { IndicatorFilter, indicatorQuery, ObservationFilter } from './filters';
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
  manyDescription: `Indicators, by id (${BEST_MATCH_FIRST}), filtered and paged.`,
  connection: IndicatorConnection,
  filter: IndicatorFilter,
  query: (ctx, filter) => indicatorQuery(ctx.dataSource, filter),
}) {
  @FieldResolver(() => ObservationConnection, { description: 'Its observations in time order, filtered by region and years.' })
  observations(
    @Root() indicator: Indicator,
    @Arg('filter', () => ObservationFilter, { nullable: true }) filter: ObservationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Observation>> {
    if (filter?.indicatorId)
      throw badUserInput('Indicator.observations is already scoped to the indicator; drop "filter.indicatorId".', 'filter.indicatorId');
    return ctx.observationsOfIndicator.load({ parentId: indicator.id, filter, page });
  }

  @FieldResolver(() => TargetConnection, { description: 'The targets plans set for it.' })
  targets(
    @Root() indicator: Indicator,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: IndicatorsContext,
  ): Promise<ConnectionShape<Target>> {
    return ctx.targetsOfIndicator.load({ parentId: indicator.id, filter: null, page });
  }
}
