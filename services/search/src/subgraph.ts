import 'reflect-metadata';
import { ENTITY_TYPES, type SubgraphName } from '@hsg/core';
import { type SubgraphDefinition } from '@hsg/framework';
import { Change, FeedPosition } from './change';
import { followChangeFeeds } from './follower';
import { refreshFullTextIndex } from './fts';
import { fetchPublishedTerms } from './published-terms';
import { buildSearchSchema } from './schema';
import type { SearchContext } from './search.resolver';
import { SearchTerm } from './search-term';
import { migrations } from './migrations';

/** The subgraphs whose writes this one follows: every owner of an entity type (the manifest's ENTITY_TYPES). */
const OWNERS = [...new Set(ENTITY_TYPES.map((e) => e.owner))] as SubgraphName[];

/**
 * The search subgraph, a peer of the owners: one index over the spellings each owner publishes
 * for the types `search` finds (their first index from GET /_search-terms, every later change with
 * its spellings on their change feeds), answering `Query.search` with references the gateway
 * resolves. It imports no owner's package: what to index is the owners' declarations' business.
 */
export const subgraph: SubgraphDefinition<SearchContext> = {
  name: 'search',
  entities: [SearchTerm, Change, FeedPosition],
  migrations,
  buildSchema: buildSearchSchema,
  createContext: (base) => base,
  seed: {
    plan: async (peers, logger) => [
      { entity: SearchTerm, rows: (await fetchPublishedTerms(peers, OWNERS, logger)).map((t, i) => ({ id: i + 1, ...t })) },
    ],
  },
  prepare: refreshFullTextIndex,
  // `search(within:)` refuses an id naming no region without a statement of its own.
  readsRegionNames: true,
  follows: OWNERS,
  follow: (dataSource, peers, logger) => followChangeFeeds(dataSource, peers, OWNERS, logger),
};
