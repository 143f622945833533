import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@hsg/gateway';
import type { RunningServer } from '@hsg/common';
import { startStack, urlsOf, type Stack } from './stack';

/** A loopback proxy in front of one subgraph that records the headers each call arrives with. */
async function recordingProxy(target: string): Promise<{ url: string; seen: IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: upstream.pathname, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let stack: Stack;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let gateway: RunningServer;
beforeAll(async () => {
  stack = await startStack();
  proxy = await recordingProxy(stack.subgraphs.regions.url);
  gateway = await startGateway({ port: 0, subgraphUrls: { ...urlsOf(stack.subgraphs), regions: proxy.url } });
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
  const res = await post({ 'x-request-id': 'trace-me-42', authorization: 'Bearer not-checked-on-reads' });
  expect(res.headers.get('x-request-id')).toBe('trace-me-42');
  expect(await res.json()).toEqual({ data: { region: { name: '南沙区' } } });
  expect(proxy.seen).toHaveLength(1);
  expect(proxy.seen[0]).toMatchObject({ 'x-request-id': 'trace-me-42', authorization: 'Bearer not-checked-on-reads' });
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
