import { REPO_ROOT, type RunningServer, type RunningSubgraph, type SubgraphName } from '@hsg/common';
import { start as startFacilities } from '@hsg/facilities';
import { startGateway } from '@hsg/gateway';
import { start as startIndicators } from '@hsg/indicators';
import { start as startOfficials } from '@hsg/officials';
import { start as startRegions } from '@hsg/regions';
import { start as startSearch } from '@hsg/search';
import path from 'node:path';

export interface Stack {
  gateway: RunningServer;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  stop: () => Promise<void>;
}

/**
 * All five subgraphs and the gateway on free loopback ports over the real seeds (in-memory
 * SQLite, so tests never touch ./data). The gateway uses the committed supergraph.
 */
export async function startStack(): Promise<Stack> {
  const options = { dataDir: ':memory:', seedsDir: path.join(REPO_ROOT, 'seeds'), port: 0 };
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const [regions, facilities, indicators, officials, search] = await Promise.all([
      startRegions(options), startFacilities(options), startIndicators(options), startOfficials(options), startSearch(options),
    ]);
    started.push(regions, facilities, indicators, officials, search);
    const gateway = await startGateway({
      port: 0,
      subgraphUrls: { regions: regions.url, facilities: facilities.url, indicators: indicators.url, officials: officials.url, search: search.url },
    });
    started.push(gateway);
    return {
      gateway,
      subgraphs: { regions, facilities, indicators, officials, search },
      stop: async () => {
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (e) {
    for (const s of started.reverse()) await s.stop();
    throw e;
  }
}
