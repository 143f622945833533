import { buildFederatedSchema } from '@hsg/common';
import type { GraphQLSchema } from 'graphql';
import { RegionResolver } from './region.resolver';

export function buildRegionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [RegionResolver] });
}
