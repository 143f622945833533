import { REPO_ROOT, SUBGRAPH_NAMES, type RunningServer, type RunningSubgraph, type SubgraphName } from '@hsg/common';
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

/** How each subgraph starts; typed by SubgraphName, so a new subgraph cannot be left out. */
const STARTERS: Record<SubgraphName, typeof startRegions> = {
  regions: startRegions,
  facilities: startFacilities,
  indicators: startIndicators,
  officials: startOfficials,
  search: startSearch,
};

/**
 * All five subgraphs and the gateway on free loopback ports over the real seeds, or the seeds in
 * `seedsDir` (in-memory SQLite, so tests never touch ./data). The gateway uses the committed supergraph. If any part
 * fails to start, the parts that did start are stopped before the error is thrown.
 */
export async function startStack(seedsDir = path.join(REPO_ROOT, 'seeds')): Promise<Stack> {
  const options = { dataDir: ':memory:', seedsDir, port: 0 };
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const results = await Promise.allSettled(SUBGRAPH_NAMES.map((name) => STARTERS[name](options)));
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const subgraphs = Object.fromEntries(
      SUBGRAPH_NAMES.map((name, i) => [name, (results[i] as PromiseFulfilledResult<RunningSubgraph>).value]),
    ) as Record<SubgraphName, RunningSubgraph>;
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])) as Record<SubgraphName, string>;
    const gateway = await startGateway({ port: 0, subgraphUrls });
    started.push(gateway);
    return {
      gateway,
      subgraphs,
      stop: async () => {
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (e) {
    for (const s of started.reverse()) await s.stop();
    throw e;
  }
}
