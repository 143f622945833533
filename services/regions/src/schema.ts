import { buildFederatedSchema } from '@hsg/framework';
import type { GraphQLSchema } from 'graphql';
import { RegionResolver } from './region.resolver';

export function buildRegionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [RegionResolver] });
}
