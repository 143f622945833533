import { buildFederatedSchema } from '@hsg/framework';
import type { GraphQLSchema } from 'graphql';
import { ChangesResolver } from './changes.resolver';
import { SearchResolver } from './search.resolver';

export function buildSearchSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [SearchResolver, ChangesResolver] });
}
