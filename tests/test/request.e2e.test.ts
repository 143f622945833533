import { type RunningServer } from '@hsg/core';
import { startGateway } from '@hsg/gateway';

import { recordingProxy } from './recording-proxy';
import { startStack, urlsOf, type Stack } from './stack';

let stack: Stack;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let gateway: RunningServer;
beforeAll(async () => {
  stack = await startStack();
  proxy = await recordingProxy(stack.subgraphs.regions.url);
  gateway = await startGateway({ port: 0, subgraphUrls: { ...urlsOf(stack.subgraphs), regions: proxy.url }, auth: stack.keys.auth });
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await stack?.stop();
});

const post = (headers: Record<string, string>) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ region(id: "440115") { name } }' }),
  });

test("the client's request id and credentials reach the subgraph, and the id comes back", async () => {
  proxy.seen.length = 0;
  const authorization = `Bearer ${await stack.keys.token()}`;
  const res = await post({ 'x-request-id': 'trace-me-42', authorization });
  expect(res.headers.get('x-request-id')).toBe('trace-me-42');
  expect(((await res.json()) as { data: unknown }).data).toEqual({ region: { name: '南沙区' } });
  expect(proxy.seen).toHaveLength(1);
  expect(proxy.seen[0]).toMatchObject({ 'x-request-id': 'trace-me-42', authorization });
});

test('a request without an id (or with an unusable one) gets a fresh one, the same at the gateway and the subgraph', async () => {
  for (const headers of [{}, { 'x-request-id': 'x'.repeat(500) }, { 'x-request-id': 'bad id\twith tab' }] as Record<string, string>[]) {
    proxy.seen.length = 0;
    const res = await post(headers);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]['x-request-id']).toBe(id);
    expect(proxy.seen[0].authorization).toBeUndefined();
  }
});
