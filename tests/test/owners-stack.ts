import path from 'node:path';
import { REPO_ROOT, SUBGRAPHS, type SubgraphName } from '@hsg/core';
import { scratchDatabase, startSubgraph, type RunningSubgraph } from '@hsg/framework';
import { startGateway, type GatewayOptions } from '@hsg/gateway';
import { subgraphDefinition } from '@hsg/schema';
import type { Stack } from './stack';
import { testKeys } from './tokens';

/** A port nothing listens on: the gateway's URL for the subgraphs this stack leaves out. */
const CLOSED = 'http://127.0.0.1:9/graphql';

/**
 * The subgraphs that own records (not those that follow their change feeds, such as search, which
 * catch up on every record before they serve) and the gateway, over the real seeds: for tests of
 * the HTTP surface that never ask the followers. A part only a follower answers is
 * SUBGRAPH_UNAVAILABLE here; use startStack for those.
 */
export async function startOwnersStack(gateway: Partial<GatewayOptions> = {}): Promise<Stack> {
  const keys = await testKeys();
  const started: { stop: () => Promise<void> }[] = [{ stop: async () => keys.remove() }];
  try {
    const scratch = await scratchDatabase();
    started.push({ stop: scratch.drop });
    const options = {
      dataDir: ':memory:',
      databaseUrl: scratch.databaseUrl,
      seedsDir: path.join(REPO_ROOT, 'seeds'),
      port: 0,
      auth: keys.auth,
    };
    const owners = SUBGRAPHS.filter((s) => !subgraphDefinition(s.package).follows);
    const results = await Promise.allSettled(owners.map((s) => startSubgraph(subgraphDefinition(s.package), { ...options, peers: {} })));
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    owners.forEach(({ name }, i) => (subgraphs[name] = (results[i] as PromiseFulfilledResult<RunningSubgraph>).value));
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphs[name]?.url ?? CLOSED])) as Record<
      SubgraphName,
      string
    >;
    const running = await startGateway({ port: 0, subgraphUrls, auth: keys.auth, ...gateway });
    started.push(running);
    return {
      gateway: running,
      subgraphs,
      keys,
      stop: async () => {
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (e) {
    for (const s of started.reverse()) await s.stop();
    throw e;
  }
}

/** The gateway's subgraph URLs of an owners stack. */
export const ownerUrlsOf = (stack: Stack) =>
  Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, stack.subgraphs[name]?.url ?? CLOSED])) as Record<SubgraphName, string>;
