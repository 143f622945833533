import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { postGraphQL, REPO_ROOT, SUBGRAPH_NAMES, type RunningServer, type SubgraphName } from '@hsg/core';
import { startSubgraph, type SubgraphOptions } from '@hsg/framework';
import { subgraph as facilities } from '@hsg/facilities';

const startFacilities = (options: SubgraphOptions) => startSubgraph(facilities, options);
import { startGateway } from '@hsg/gateway';
import { startStack, type Stack } from './stack';

/**
 * A subgraph that is down, or hangs, costs only its own part of a response: every other field
 * arrives, and each missing part carries an error with its path, the subgraph's name and
 * SUBGRAPH_UNAVAILABLE. Readiness names what is down.
 */
let stack: Stack;
/** The facilities subgraph restarted by the first test, on its old port; stopped with the stack. */
let restarted: RunningServer | undefined;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await restarted?.stop();
  await stack?.stop();
});

const unavailable = (path: (string | number)[], serviceName: string, reason: string) =>
  expect.objectContaining({ path, extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName, reason }) });

test('with facilities down, the other subgraphs answer and each missing part says why; it recovers when facilities is back', async () => {
  const url = stack.gateway.url;
  const port = stack.subgraphs.facilities.port;
  await stack.subgraphs.facilities.stop();

  const roots = await postGraphQL(url, '{ r: region(id: "440100") { name } f: facilities(first: 2) { totalCount } }');
  expect(roots.data).toEqual({ r: { name: '广州市' }, f: null });
  expect(roots.errors).toEqual([unavailable(['f'], 'facilities', 'UNREACHABLE')]);
  expect(roots.errors![0].message).toBe(
    'The facilities subgraph could not be reached (ECONNREFUSED); this part of the response is missing. The rest is complete; retry later for this part.',
  );

  // Fields facilities adds to Region are nullable, so the Region and its other fields survive.
  const extended = await postGraphQL(
    url,
    '{ region(id: "440100") { name facilities(first: 2) { totalCount } plans { id } children { id projects(first: 1) { totalCount } } } }',
  );
  expect(extended.data.region.name).toBe('广州市');
  expect(extended.data.region.facilities).toBeNull();
  expect(extended.data.region.plans.map((p: { id: string }) => p.id)).toContain('gz-health-14th-fyp');
  expect(extended.data.region.children).toHaveLength(11);
  for (const child of extended.data.region.children) expect(child.projects).toBeNull();
  expect(extended.errors).toContainEqual(unavailable(['region', 'facilities'], 'facilities', 'UNREACHABLE'));
  expect(extended.errors).toContainEqual(unavailable(['region', 'children', 0, 'projects'], 'facilities', 'UNREACHABLE'));
  expect(extended.errors).toHaveLength(12);

  // Search hits pointing into facilities lose their node, not the search.
  const hits = await postGraphQL(
    url,
    // 南沙区 is one region and the name of several facilities (南沙区血站 …); "nansha" alone is the pinyin of dozens of townships.
    '{ search(text: "南沙区", first: 5) { node { __typename ... on Region { name } ... on Facility { name } } } }',
  );
  expect(hits.data.search[0].node).toEqual({ __typename: 'Region', name: '南沙区' });
  expect(hits.data.search.some((h: { node: unknown }) => h.node === null)).toBe(true);
  expect(hits.errors!.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && e.extensions?.serviceName === 'facilities')).toBe(true);

  const readiness = await fetch(url.replace(/\/graphql$/, '/_readiness'));
  expect(readiness.status).toBe(503);
  expect(await readiness.json()).toEqual({ status: 'not ready', down: ['facilities'] });

  restarted = await startFacilities({ dataDir: ':memory:', seedsDir: path.join(REPO_ROOT, 'seeds'), port });
  const recovered = await postGraphQL(url, '{ r: region(id: "440100") { name } f: facilities(first: 2) { totalCount } }');
  expect(recovered.errors).toBeUndefined();
  expect(recovered.data).toEqual({ r: { name: '广州市' }, f: { totalCount: 131 } });
  expect((await fetch(url.replace(/\/graphql$/, '/_readiness'))).status).toBe(200);
});

describe('a subgraph that accepts connections and never answers', () => {
  let hung: Server;
  let gateway: RunningServer;
  beforeAll(async () => {
    hung = createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', () => resolve()));
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
    urls.officials = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`;
    gateway = await startGateway({ port: 0, subgraphUrls: urls, subgraphTimeoutMs: 300, readinessTimeoutMs: 300 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await new Promise<void>((resolve) => hung.close(() => resolve()));
  });

  test('costs its part of the response after SUBGRAPH_TIMEOUT_MS, not the whole request', async () => {
    const res = await postGraphQL(gateway.url, '{ r: region(id: "440100") { name } o: organizations(first: 1) { totalCount } }');
    expect(res.data).toEqual({ r: { name: '广州市' }, o: null });
    expect(res.errors).toEqual([unavailable(['o'], 'officials', 'TIMEOUT')]);
    expect(res.errors![0].message).toBe(
      'The officials subgraph did not answer within 300 ms; this part of the response is missing. The rest is complete; retry later for this part.',
    );
  });

  test('is named by the gateway readiness, which waits READINESS_TIMEOUT_MS for it', async () => {
    const res = await fetch(gateway.url.replace(/\/graphql$/, '/_readiness'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', down: ['officials'] });
  });
});
