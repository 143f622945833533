import 'reflect-metadata';
import { type SeedData, type SubgraphDefinition } from '@hsg/common';
import { buildFullTextIndex } from './fts';
import { buildSearchSchema } from './schema';
import type { SearchContext } from './search.resolver';
import { SearchTerm } from './search-term';
import { searchTerms } from './terms';

/**
 * The search subgraph: one index over the names of every searchable family, built from the same
 * seeds the owning subgraphs load, answering `Query.search` with references the gateway resolves.
 */
export const subgraph: SubgraphDefinition<SearchContext> = {
  name: 'search',
  entities: [SearchTerm],
  buildSchema: buildSearchSchema,
  createContext: (dataSource) => ({ dataSource }),
  seedPlan: (seeds: SeedData) => [{ entity: SearchTerm, rows: searchTerms(seeds).map((t, i) => ({ id: i + 1, ...t })) }],
  prepare: buildFullTextIndex,
};
