import path from 'node:path';
import { ENTITY_TYPES, REPO_ROOT, SUBGRAPHS, type RunningServer, type SubgraphName } from '@hsg/core';
import { scratchDatabase, startSubgraph, type RunningSubgraph } from '@hsg/framework';
import { startGateway, type GatewayOptions } from '@hsg/gateway';
import { subgraphDefinition } from '@hsg/schema';
import { seededCopy, type StackDatabase } from './seeded-copies';
import { testKeys, type TestKeys } from './tokens';

export interface Stack {
  gateway: RunningServer;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** The key pair every part verifies tokens with; `keys.token()` signs one. */
  keys: TestKeys;
  stop: () => Promise<void>;
}

/** A port nothing listens on: the URL of a subgraph a stack leaves out (see startStack's `followers`). */
const CLOSED = 'http://127.0.0.1:9/graphql';

/** Each subgraph's URL, by name. */
export const urlsOf = (subgraphs: Record<SubgraphName, RunningServer>) =>
  Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphs[name]?.url ?? CLOSED])) as Record<SubgraphName, string>;

/** The real seeds: stacks over them start from a copy of a seeded template (seeded-copies.ts). */
const REAL_SEEDS = path.join(REPO_ROOT, 'seeds');

/**
 * Every subgraph of the manifest and the gateway on free loopback ports over the real seeds, or
 * the seeds in `seedsDir`, in a database of their own (SQLite, or a new PostgreSQL database when
 * TEST_DATABASE_URL is set; over the real seeds, a copy of a seeded template), all verifying tokens
 * with one fresh key pair in a temporary folder. The gateway uses the committed supergraph. If any
 * part fails to start, the parts that did start are stopped before the error is thrown. `gateway`
 * adds to the gateway's options (a response cache, say). `followers: false` leaves out the
 * subgraphs that follow the owners' change feeds (search), whose URL is then a closed port.
 */
export async function startStack(
  seedsDir = REAL_SEEDS,
  gateway: Partial<GatewayOptions> = {},
  { followers = true }: { followers?: boolean } = {},
): Promise<Stack> {
  const copy = seedsDir === REAL_SEEDS ? await seededCopy(seedTemplate) : undefined;
  const database = copy ?? { dataDir: ':memory:', ...(await scratchDatabase()) };
  return startParts({ ...database, seedsDir, mergeSeeds: !copy }, gateway, followers).catch(async (e: unknown) => {
    await database.drop();
    throw e;
  });
}

/** The template every copy starts from: a stack seeded in its folders, stopped once search has followed every feed. */
async function seedTemplate({ dataDir, databaseUrl }: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const stack = await startParts({ dataDir, databaseUrl, seedsDir: REAL_SEEDS, drop: async () => {} }, {}, true);
  try {
    await feedsFollowed(stack);
  } finally {
    await stack.stop();
  }
}

async function startParts(
  database: StackDatabase & { seedsDir: string; mergeSeeds?: boolean },
  gateway: Partial<GatewayOptions>,
  followers: boolean,
): Promise<Stack> {
  const keys = await testKeys();
  const started: { stop: () => Promise<void> }[] = [{ stop: database.drop }, { stop: async () => keys.remove() }];
  try {
    const { dataDir, databaseUrl, seedsDir, mergeSeeds } = database;
    const options = { dataDir, databaseUrl, seedsDir, mergeSeeds, port: 0, auth: keys.auth };
    // The owners first, then the subgraphs that follow their change feeds (search), told where they are.
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const following of followers ? [false, true] : [false]) {
      const wave = SUBGRAPHS.filter((s) => !!subgraphDefinition(s.package).follows === following);
      const peers = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url]));
      const results = await Promise.allSettled(wave.map((s) => startSubgraph(subgraphDefinition(s.package), { ...options, peers })));
      for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      wave.forEach(({ name }, i) => (subgraphs[name] = (results[i] as PromiseFulfilledResult<RunningSubgraph>).value));
    }
    const running = await startGateway({ port: 0, subgraphUrls: urlsOf(subgraphs), auth: keys.auth, ...gateway });
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
    for (const s of started.slice(1).reverse()) await s.stop();
    throw e;
  }
}

/**
 * Waits until the search subgraph has applied every change the owners' feeds hold (its first
 * start replays them in the background), so a test that counts its statements sees only its own.
 */
export async function feedsFollowed(stack: Stack, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const search = stack.subgraphs.search.dataSource;
  for (;;) {
    const behind: string[] = [];
    for (const { owner } of new Map(ENTITY_TYPES.map((e) => [e.owner, e])).values()) {
      const [{ last }] = await stack.subgraphs[owner].dataSource.query('SELECT MAX(seq) AS last FROM audit_record');
      const rows = await search.query(`SELECT seq FROM feed_position WHERE source = '${owner}'`);
      if (last != null && Number(rows[0]?.seq ?? 0) < Number(last)) behind.push(owner);
    }
    if (behind.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the search subgraph has not followed ${behind.join(', ')}'s change feed within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The statements a subgraph ran for requests: its counter's, less the change-feed traffic beside
 * them (once caught up, the search subgraph reads its feed positions every 500 ms, in the same
 * process, and the owners answer its polls from their audit trail).
 */
export const requestStatements = (subgraph: RunningSubgraph): string[] =>
  subgraph.counter.statements.filter((statement) => !FEED_TRAFFIC.test(statement));
const FEED_TRAFFIC = /"audit_record"|"feed_position"/;
