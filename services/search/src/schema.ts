import { buildFederatedSchema } from '@hsg/framework';
import type { GraphQLSchema } from 'graphql';
import { ChangesResolver } from './changes.resolver';
import { ChangesStreamResolver, NO_PUB_SUB } from './changes-stream.resolver';
import { NodeResolver } from './node.resolver';
import { GLOBAL_ID_RESOLVERS } from './search-hit';
import { SearchResolver } from './search.resolver';

export function buildSearchSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [SearchResolver, ChangesResolver, ChangesStreamResolver, NodeResolver, ...GLOBAL_ID_RESOLVERS],
    pubSub: NO_PUB_SUB,
  });
}
