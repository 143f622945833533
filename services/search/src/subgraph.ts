import 'reflect-metadata';
import { type SubgraphName } from '@hsg/core';
import { type SubgraphDefinition } from '@hsg/framework';
import { Designation, Facility, Project } from '@hsg/facilities';
import { Indicator, Plan } from '@hsg/indicators';
import { Meeting, Organization, Person } from '@hsg/officials';
import { Region } from '@hsg/regions';
import { Change, FeedPosition } from './change';
import { followChangeFeeds } from './follower';
import { refreshFullTextIndex } from './fts';
import { buildSearchSchema } from './schema';
import type { SearchContext } from './search.resolver';
import { SearchTerm } from './search-term';
import { searchTerms } from './terms';
import { migrations } from './migrations';

/** The subgraphs whose writes this one follows (every subgraph that owns entities). */
const OWNERS: SubgraphName[] = ['regions', 'facilities', 'indicators', 'officials'];

/** The entities the index covers, in the order of the SearchResult union's members. */
const INDEXED = [Region, Facility, Project, Indicator, Organization, Person, Designation, Meeting, Plan];

/**
 * The search subgraph: one index over the names every indexed entity declares, built from the same
 * seed records the owning subgraphs load, answering `Query.search` with references the gateway resolves.
 */
export const subgraph: SubgraphDefinition<SearchContext> = {
  name: 'search',
  entities: [SearchTerm, Change, FeedPosition],
  migrations,
  buildSchema: buildSearchSchema,
  createContext: (base) => base,
  seed: {
    reads: INDEXED,
    plan: (seeds) => [{ entity: SearchTerm, rows: searchTerms(INDEXED, seeds).map((t, i) => ({ id: i + 1, ...t })) }],
  },
  prepare: refreshFullTextIndex,
  follows: OWNERS,
  follow: (dataSource, peers, logger) => followChangeFeeds(dataSource, peers, OWNERS, INDEXED, logger),
};
