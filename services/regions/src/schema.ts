import { buildFederatedSchema } from '@hsg/common';
import type { GraphQLSchema } from 'graphql';
import type { RegionsContext } from './loaders';
import { RegionResolver } from './region.resolver';

export function buildRegionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [RegionResolver] }, {
    Region: { __resolveReference: (ref: { id: string }, ctx: RegionsContext) => ctx.regionById.load(ref.id) },
  } as never);
}
