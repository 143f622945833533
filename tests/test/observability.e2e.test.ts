import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startSubgraph, type RunningSubgraph } from '@hsg/framework';
import { createLogger, EnvironmentError, gatewayEnvironment, OTHER_OPERATION, REPO_ROOT, SUBGRAPHS, type RunningServer } from '@hsg/core';
import { startGateway } from '@hsg/gateway';
import { subgraphDefinition } from '@hsg/schema';
import { startStack, urlsOf, type Stack } from './stack';

type Line = Record<string, unknown>;

/** A logger writing JSON lines into `lines`, as a process named `name` writes them to standard output. */
const capturingLogger = (lines: Line[], name = 'gateway', maxFieldChars = 2000) =>
  createLogger(name, 'info', maxFieldChars, 'json', { write: (s: string) => lines.push(JSON.parse(s)) });

/** The value of one sample of a Prometheus text exposition: `name` with (at least) these labels; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) total += Number(m[3]);
  }
  return total;
}

const scrape = async (server: RunningServer) => {
  const res = await fetch(server.url.replace(/\/graphql$/, '/metrics'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

const gql = async (url: string, query: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
};

let stack: Stack;
let regions: RunningSubgraph;
let hanging: Server;
const sockets: Socket[] = [];
beforeAll(async () => {
  stack = await startStack();
  // A regions subgraph of its own: nothing else (no change-feed follower) runs SQL on it.
  const def = subgraphDefinition(SUBGRAPHS.find((s) => s.name === 'regions')!.package);
  regions = await startSubgraph(def, { dataDir: ':memory:', seedsDir: path.join(REPO_ROOT, 'seeds'), port: 0 });
  // Accepts connections and never answers: a subgraph that hangs.
  hanging = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => hanging?.close(resolve));
  await regions?.stop();
  await stack?.stop();
});

const REGION = 'region(id: "440115") { name }';
const DEEP = `{ region(id: "440115") { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } }`;
const COSTLY = '{ regions(first: 100) { nodes { facilities(first: 100) { nodes { projects { name } } } } } }';

test('the gateway counts requests by operation and outcome, errors by code, refusals by limit and fetches by subgraph', async () => {
  const before = await scrape(stack.gateway);
  const subgraphBefore = await scrape(stack.subgraphs.regions);
  for (const query of [`query MetricsRegion { ${REGION} }`, `query MetricsRegion { ${REGION} }`, `{ ${REGION} }`]) {
    const res = await gql(stack.gateway.url, query);
    expect(res.body.data).toEqual({ region: { name: '南沙区' } });
  }
  expect((await gql(stack.gateway.url, DEEP)).status).toBe(400);
  expect((await gql(stack.gateway.url, COSTLY)).body.errors?.[0].extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  const after = await scrape(stack.gateway);
  const subgraphAfter = await scrape(stack.subgraphs.regions);
  const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
  const requests = 'hsg_graphql_request_duration_seconds_count';
  expect(delta(requests, { service: 'gateway', operation: 'MetricsRegion', outcome: 'ok' })).toBe(2);
  expect(delta(requests, { operation: OTHER_OPERATION, outcome: 'ok' })).toBe(1);
  expect(delta(requests, { operation: OTHER_OPERATION, outcome: 'rejected' })).toBe(2);
  expect(delta(requests)).toBe(5);
  expect(delta('hsg_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
  expect(delta('hsg_graphql_errors_total', { code: 'COST_LIMIT_EXCEEDED' })).toBe(1);
  expect(delta('hsg_graphql_errors_total')).toBe(2);
  expect(delta('hsg_operations_rejected_total', { limit: 'MAX_QUERY_DEPTH' })).toBe(1);
  expect(delta('hsg_operations_rejected_total', { limit: 'MAX_COST' })).toBe(1);
  // The three answered queries each cost one fetch, to regions; the refused ones none.
  expect(delta('hsg_subgraph_fetch_duration_seconds_count', { subgraph: 'regions' })).toBe(3);
  expect(delta('hsg_subgraph_fetch_duration_seconds_count')).toBe(3);
  expect(delta('hsg_subgraph_fetch_errors_total')).toBe(0);
  // The subgraph saw the same three, under the names the gateway's query planner gives them.
  const subgraphDelta = (labels: Record<string, string>) =>
    sample(subgraphAfter, requests, labels) - sample(subgraphBefore, requests, labels);
  expect(subgraphDelta({ service: 'regions', operation: 'MetricsRegion__regions__0', outcome: 'ok' })).toBe(2);
  expect(subgraphDelta({ service: 'regions', operation: OTHER_OPERATION, outcome: 'ok' })).toBe(1);
  // Process metrics come with every scrape.
  expect(sample(after, 'process_resident_memory_bytes', { service: 'gateway' })).toBeGreaterThan(10_000_000);
  expect(after).toMatch(/^nodejs_eventloop_lag_seconds\{service="gateway"\} /m);
});

test('a subgraph counts its SQL statements, as many as its database ran', async () => {
  const before = await scrape(regions);
  regions.counter.reset();
  expect((await gql(regions.url, `query MetricsSql { ${REGION} }`)).body.data).toEqual({ region: { name: '南沙区' } });
  const statements = regions.counter.count;
  expect(statements).toBeGreaterThan(0);
  const after = await scrape(regions);
  const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
  expect(delta('hsg_sql_statement_duration_seconds_count', { service: 'regions', outcome: 'ok' })).toBe(statements);
  expect(delta('hsg_sql_statement_duration_seconds_count', { outcome: 'error' })).toBe(0);
  expect(delta('hsg_graphql_request_duration_seconds_count', { operation: 'MetricsSql', outcome: 'ok' })).toBe(1);
});

test('operation names are bounded: past the first hundred, new names share one label', async () => {
  const before = await scrape(regions);
  for (let i = 0; i < 101; i++) await gql(regions.url, `query Name${i} { __typename }`);
  const after = await scrape(regions);
  const delta = (labels: Record<string, string>) =>
    sample(after, 'hsg_graphql_request_duration_seconds_count', labels) -
    sample(before, 'hsg_graphql_request_duration_seconds_count', labels);
  // MetricsSql (the test above) was one of this process's first hundred names, so Name99 and Name100 are not.
  expect(delta({ operation: 'Name0' })).toBe(1);
  expect(delta({ operation: 'Name98' })).toBe(1);
  expect(delta({ operation: 'Name99' })).toBe(0);
  expect(delta({ operation: OTHER_OPERATION })).toBe(2);
  expect(new Set([...after.matchAll(/operation="([^"]*)"/g)].map((m) => m[1])).size).toBe(101);
});

test('each request is one log line with its operation, status, duration and request id; a failed fetch is counted', async () => {
  const lines: Line[] = [];
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: { ...urlsOf(stack.subgraphs), regions: 'http://127.0.0.1:1/graphql' },
    logger: capturingLogger(lines),
    slowRequestMs: 600_000,
  });
  try {
    const res = await gql(gateway.url, `query LogProbe { ${REGION} }`, { 'x-request-id': 'log-probe-1' });
    expect(res.body.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    const logged = lines.filter((l) => l.msg === 'request');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 30,
      name: 'gateway',
      requestId: 'log-probe-1',
      operation: 'LogProbe',
      outcome: 'error',
      status: 200,
    });
    expect(logged[0].durationMs).toEqual(expect.any(Number));
    const text = await scrape(gateway);
    expect(sample(text, 'hsg_subgraph_fetch_errors_total', { subgraph: 'regions', reason: 'UNREACHABLE' })).toBe(1);
    expect(sample(text, 'hsg_graphql_errors_total', { code: 'SUBGRAPH_UNAVAILABLE' })).toBe(1);
    expect(sample(text, 'hsg_graphql_request_duration_seconds_count', { operation: 'LogProbe', outcome: 'error' })).toBe(1);
    // Scrapes and health checks are not request lines.
    await fetch(gateway.url.replace(/\/graphql$/, '/_health'));
    expect(lines.filter((l) => l.msg === 'request')).toHaveLength(1);
  } finally {
    await gateway.stop();
  }
});

test('a request slower than SLOW_REQUEST_MS is logged at warn', async () => {
  const lines: Line[] = [];
  const { port } = hanging.address() as { port: number };
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: { ...urlsOf(stack.subgraphs), regions: `http://127.0.0.1:${port}/graphql` },
    subgraphTimeoutMs: 300,
    logger: capturingLogger(lines),
    slowRequestMs: 100,
  });
  try {
    await gql(gateway.url, `query SlowProbe { ${REGION} }`, { 'x-request-id': 'slow-probe-1' });
    const logged = lines.filter((l) => l.requestId === 'slow-probe-1' && l.msg === 'slow request');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, operation: 'SlowProbe', status: 200 });
    expect(logged[0].durationMs as number).toBeGreaterThanOrEqual(300);
    // With the gateway's plan for it, as Apollo prints plans (an ID literal unquoted).
    expect(logged[0].queryPlan).toBe(
      'QueryPlan {\n  Fetch(service: "regions") {\n    {\n      region(id: 440115) {\n        name\n      }\n    }\n  },\n}',
    );
    expect(sample(await scrape(gateway), 'hsg_subgraph_fetch_errors_total', { subgraph: 'regions', reason: 'TIMEOUT' })).toBe(1);
  } finally {
    await gateway.stop();
  }
});

test('LOG_FORMAT=pretty writes lines for a person; bad LOG_FORMAT or SLOW_REQUEST_MS stop the start', async () => {
  const written: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  createLogger('gateway', 'info', 2000, 'pretty', destination).info(
    { requestId: 'r-1', operation: 'Pretty', status: 200, durationMs: 3.5 },
    'request',
  );
  await new Promise((resolve) => setImmediate(resolve));
  expect(written.join('')).toMatch(
    /INFO.*\(gateway\): request\n\s+requestId: "r-1"\n\s+operation: "Pretty"\n\s+status: 200\n\s+durationMs: 3.5/,
  );
  expect(gatewayEnvironment({ LOG_FORMAT: 'pretty', SLOW_REQUEST_MS: '250' })).toMatchObject({ logFormat: 'pretty', slowRequestMs: 250 });
  expect(gatewayEnvironment({})).toMatchObject({ logFormat: 'json', slowRequestMs: 1000 });
  expect(() => gatewayEnvironment({ LOG_FORMAT: 'xml' })).toThrow(new EnvironmentError(['LOG_FORMAT="xml": must be json or pretty']));
  expect(() => gatewayEnvironment({ SLOW_REQUEST_MS: '0' })).toThrow(new EnvironmentError(['SLOW_REQUEST_MS="0": must be at least 1']));
});

test('a slow request logs its query plan cut at LOG_MAX_FIELD_CHARS; a request refused before planning has none', async () => {
  const lines: Line[] = [];
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: urlsOf(stack.subgraphs),
    logger: capturingLogger(lines, 'gateway', 200),
    slowRequestMs: 0, // every request is slow
  });
  try {
    const headline = readFileSync(path.join(REPO_ROOT, 'examples', 'headline.graphql'), 'utf8');
    expect((await gql(gateway.url, headline, { 'x-request-id': 'plan-1' })).status).toBe(200);
    expect((await gql(gateway.url, DEEP, { 'x-request-id': 'plan-2' })).status).toBe(400);
    const [planned] = lines.filter((l) => l.requestId === 'plan-1' && l.msg === 'slow request');
    const plan = planned.queryPlan as string;
    expect(plan).toMatch(/^QueryPlan \{\n {2}Sequence \{\n {4}Fetch\(service: "regions"\)/);
    expect(plan).toMatch(/^[^]{200}… \(\d+ more characters\)$/);
    const [refused] = lines.filter((l) => l.requestId === 'plan-2' && l.msg === 'slow request');
    expect(refused).toMatchObject({ level: 40, outcome: 'rejected', status: 400 });
    expect(refused.queryPlan).toBeUndefined();
  } finally {
    await gateway.stop();
  }
});

test('the gateway counts query-plan cache lookups: a new document misses, the same document again hits', async () => {
  const lookups = 'hsg_query_plan_cache_lookups_total';
  const before = await scrape(stack.gateway);
  const query = `query PlanCacheProbe { ${REGION} }`;
  expect((await gql(stack.gateway.url, query)).body.data).toEqual({ region: { name: '南沙区' } });
  const afterFirst = await scrape(stack.gateway);
  expect(sample(afterFirst, lookups, { result: 'miss' }) - sample(before, lookups, { result: 'miss' })).toBe(1);
  expect(sample(afterFirst, lookups, { result: 'hit' }) - sample(before, lookups, { result: 'hit' })).toBe(0);
  expect((await gql(stack.gateway.url, query)).body.data).toEqual({ region: { name: '南沙区' } });
  // A refused operation is never planned, so it looks nothing up.
  expect((await gql(stack.gateway.url, DEEP)).status).toBe(400);
  const afterSecond = await scrape(stack.gateway);
  expect(sample(afterSecond, lookups, { service: 'gateway', result: 'hit' }) - sample(afterFirst, lookups, { result: 'hit' })).toBe(1);
  expect(sample(afterSecond, lookups) - sample(afterFirst, lookups)).toBe(1);
});

test('every log line of one request carries its id, in the gateway and the subgraphs, and a masked error names it', async () => {
  const lines: Line[] = [];
  const seedsDir = path.join(REPO_ROOT, 'seeds');
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const subgraph = async (name: 'regions' | 'facilities') => {
      const def = subgraphDefinition(SUBGRAPHS.find((s) => s.name === name)!.package);
      const running = await startSubgraph(def, { dataDir: ':memory:', seedsDir, port: 0, logger: capturingLogger(lines, name) });
      started.push(running);
      return running;
    };
    const regionsSubgraph = await subgraph('regions');
    const facilities = await subgraph('facilities');
    // A facilities database that lost its projects table: Region.projects fails with an internal error.
    await facilities.dataSource.query('ALTER TABLE "project" RENAME TO "project_gone"');
    const gateway = await startGateway({
      port: 0,
      subgraphUrls: {
        ...urlsOf(stack.subgraphs),
        regions: regionsSubgraph.url,
        facilities: facilities.url,
        officials: 'http://127.0.0.1:1/graphql',
      },
      logger: capturingLogger(lines),
      slowRequestMs: 600_000,
    });
    started.push(gateway);
    lines.length = 0;
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'every-line-1' },
      body: JSON.stringify({
        query: 'query EveryLine { region(id: "440100") { name projects(first: 1) { totalCount } } meetings(first: 1) { totalCount } }',
      }),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string; requestId?: string } }[] };
    const masked = body.errors.filter((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR');
    expect(masked).toHaveLength(1);
    expect(masked[0].extensions.requestId).toBe('every-line-1');
    expect(masked[0].message).toMatch(/^Internal server error \(id [\w-]+, request every-line-1\)\./);
    expect(body.errors.filter((e) => e.extensions.code === 'SUBGRAPH_UNAVAILABLE')).toHaveLength(1);
    // The request lines are written when each response is finished.
    for (let i = 0; i < 100 && lines.filter((l) => l.msg === 'request').length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    const seen = lines.map((l) => `${l.name} ${l.msg}`).sort();
    expect(seen).toEqual([
      'facilities request',
      'facilities unexpected error',
      'gateway request',
      'gateway subgraph request failed',
      'gateway unexpected error',
      'regions request',
    ]);
    for (const line of lines)
      expect({ line: `${line.name} ${line.msg}`, requestId: line.requestId }).toEqual({
        line: `${line.name} ${line.msg}`,
        requestId: 'every-line-1',
      });
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
});
