/**
 * The one list of subgraphs: name, default port and package, in composition order. The gateway's
 * environment, the start script, composition, the test stack and the jest module map read it; the
 * npm workspace list and the packages' dependency lists must spell it out for npm, and a test
 * checks them against it.
 */
export const SUBGRAPHS = [
  { name: 'regions', port: 4001, package: '@hsg/regions', dir: 'services/regions' },
  { name: 'facilities', port: 4002, package: '@hsg/facilities', dir: 'services/facilities' },
  { name: 'indicators', port: 4003, package: '@hsg/indicators', dir: 'services/indicators' },
  { name: 'officials', port: 4004, package: '@hsg/officials', dir: 'services/officials' },
  { name: 'search', port: 4005, package: '@hsg/search', dir: 'services/search' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
export type SubgraphEntry = (typeof SUBGRAPHS)[number];

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((s) => s.name);

/** The gateway's default port; the subgraphs' follow it. */
export const GATEWAY_PORT = 4000;
