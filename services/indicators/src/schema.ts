import { buildFederatedSchema } from '@hsg/common';
import type { GraphQLSchema } from 'graphql';
import { IndicatorResolver } from './indicator.resolver';
import type { IndicatorsContext } from './loaders';
import { ObservationResolver } from './observation.resolver';
import { PlanResolver } from './plan.resolver';
import { RegionIndicatorsResolver } from './region.resolver';
import { AttainmentResolver, TargetResolver } from './target.resolver';

export function buildIndicatorsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [IndicatorResolver, ObservationResolver, PlanResolver, TargetResolver, AttainmentResolver, RegionIndicatorsResolver] },
    {
      Indicator: { __resolveReference: (ref: { id: string }, ctx: IndicatorsContext) => ctx.indicatorById.load(ref.id) },
      Observation: { __resolveReference: (ref: { id: string }, ctx: IndicatorsContext) => ctx.observationById.load(ref.id) },
      Plan: { __resolveReference: (ref: { id: string }, ctx: IndicatorsContext) => ctx.planById.load(ref.id) },
      Target: { __resolveReference: (ref: { id: string }, ctx: IndicatorsContext) => ctx.targetById.load(ref.id) },
    } as never,
  );
}
