import { buildFederatedSchema, SourceResolver } from '@hsg/framework';
import type { GraphQLSchema } from 'graphql';
import { IndicatorResolver } from './indicator.resolver';
import { ObservationResolver } from './observation.resolver';
import { PlanResolver } from './plan.resolver';
import { RegionIndicatorsResolver } from './region.resolver';
import { AttainmentResolver, TargetResolver } from './target.resolver';

export function buildIndicatorsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      IndicatorResolver,
      ObservationResolver,
      PlanResolver,
      TargetResolver,
      AttainmentResolver,
      RegionIndicatorsResolver,
      // `sources` and `source(id:)`: one subgraph serves them (see SourceResolver); this one already reads the table for its data date.
      SourceResolver,
    ],
  });
}
