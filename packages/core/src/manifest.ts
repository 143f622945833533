/**
 * The one list of subgraphs: name, default port, package, and whether agencies write to it (its
 * token scope is then `<name>:write`), in composition order. The gateway's environment, the start
 * script, composition, the test stack, the token scopes and the jest module map read it; the npm
 * workspace list and the packages' dependency lists must spell it out for npm, and a test checks
 * them against it.
 */
export const SUBGRAPHS = [
  { name: 'regions', port: 4001, package: '@hsg/regions', dir: 'services/regions', agencyWrites: false },
  { name: 'facilities', port: 4002, package: '@hsg/facilities', dir: 'services/facilities', agencyWrites: true },
  { name: 'indicators', port: 4003, package: '@hsg/indicators', dir: 'services/indicators', agencyWrites: true },
  { name: 'officials', port: 4004, package: '@hsg/officials', dir: 'services/officials', agencyWrites: true },
  { name: 'search', port: 4005, package: '@hsg/search', dir: 'services/search', agencyWrites: false },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
export type SubgraphEntry = (typeof SUBGRAPHS)[number];

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((s) => s.name);

/** The gateway's default port; the subgraphs' follow it. */
export const GATEWAY_PORT = 4000;

/**
 * Every entity type the graph's writes can touch, its owner, and what it is, in the order the
 * graph-wide feed's union (`ChangedEntity`) lists them. The search subgraph, which owns none of
 * them, builds its key-only references from this list; a test holds it to the owners' schemas.
 */
export const ENTITY_TYPES = [
  { type: 'Region', owner: 'regions', about: 'An administrative division or named area' },
  { type: 'Facility', owner: 'facilities', about: 'A hospital, campus, CDC, laboratory or other facility' },
  { type: 'Designation', owner: 'facilities', about: 'A national or provincial title' },
  { type: 'Project', owner: 'facilities', about: 'A named build-out' },
  { type: 'Indicator', owner: 'indicators', about: 'A health indicator' },
  { type: 'Observation', owner: 'indicators', about: 'One value of an indicator' },
  { type: 'Plan', owner: 'indicators', about: 'A plan or action programme' },
  { type: 'Target', owner: 'indicators', about: "A plan's goal" },
  { type: 'Organization', owner: 'officials', about: 'A health authority or other organization' },
  { type: 'Person', owner: 'officials', about: 'A named official' },
  { type: 'Post', owner: 'officials', about: 'A person seen holding titles' },
  { type: 'Meeting', owner: 'officials', about: 'A meeting the sources report' },
  // Last, where it joined: the feed carried its changes before the union could name it.
  { type: 'Programme', owner: 'facilities', about: 'A grouping the texts make of projects and designations' },
] as const satisfies readonly { type: string; owner: SubgraphName; about: string }[];

export type EntityTypeName = (typeof ENTITY_TYPES)[number]['type'];

/**
 * The types `search` finds, in the order its `SearchResult` union lists them. Each owner publishes
 * the searchable spellings of these (GET /_search-terms, and with each change on its feed), from
 * what its declarations mark as names; the search subgraph indexes what they publish.
 */
export const SEARCHED_TYPES = [
  'Region',
  'Facility',
  'Project',
  'Indicator',
  'Organization',
  'Person',
  'Designation',
  'Meeting',
  'Plan',
] as const satisfies readonly EntityTypeName[];

export type SearchedTypeName = (typeof SEARCHED_TYPES)[number];

/** The owner of each type `search` finds, in SEARCHED_TYPES order. */
export const searchedTypesOf = (owner: SubgraphName): SearchedTypeName[] =>
  SEARCHED_TYPES.filter((type) => ENTITY_TYPES.some((e) => e.type === type && e.owner === owner));
