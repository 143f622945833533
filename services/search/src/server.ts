import 'reflect-metadata';
import { startSubgraph, type RunningSubgraph, type SeedData, type SubgraphDefinition, type SubgraphOptions } from '@hsg/common';
import { buildFullTextIndex } from './fts';
import { buildSearchSchema } from './schema';
import type { SearchContext } from './search.resolver';
import { SearchTerm } from './search-term';
import { searchTerms } from './terms';

/**
 * The search subgraph: one index over the names of every searchable family, built from the same
 * seeds the owning subgraphs load, answering `Query.search` with references the gateway resolves.
 */
export const searchSubgraph: SubgraphDefinition<SearchContext> = {
  name: 'search',
  entities: [SearchTerm],
  buildSchema: buildSearchSchema,
  createContext: (dataSource) => ({ dataSource }),
  seedPlan: (seeds: SeedData) => [{ entity: SearchTerm, rows: searchTerms(seeds).map((t, i) => ({ id: i + 1, ...t })) }],
  prepare: buildFullTextIndex,
};

/** Starts the search subgraph; returns its URL and a `stop()`. */
export function start(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph(searchSubgraph, options);
}
