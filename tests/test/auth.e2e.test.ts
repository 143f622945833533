import { signToken, type RunningServer } from '@hsg/core';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { startGateway } from '@hsg/gateway';

import { recordingProxy } from './recording-proxy';
import { startStack, urlsOf, type Stack } from './stack';
import { testKeys, type TestKeys } from './tokens';

let stack: Stack;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let gateway: RunningServer;
let stranger: TestKeys;
beforeAll(async () => {
  stack = await startStack();
  stranger = await testKeys();
  proxy = await recordingProxy(stack.subgraphs.facilities.url);
  gateway = await startGateway({ port: 0, subgraphUrls: { ...urlsOf(stack.subgraphs), facilities: proxy.url }, auth: stack.keys.auth });
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await stack?.stop();
  stranger?.remove();
});

const QUERY = '{ facility(id: "nansha-blood-station") { name region { name } } }';
const ANSWER = { data: { facility: { name: '南沙区血站', region: { name: '南沙区' } } } };

const post = (url: string, authorization?: string, { path = '/graphql', query = QUERY } = {}) =>
  fetch(url.replace(/\/graphql$/, path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Every kind of bad credential, with the words its refusal must contain. */
async function badCredentials(): Promise<[string, string, RegExp][]> {
  const { key } = stack.keys;
  const claims = { agency: 'guangzhou-health-commission', scopes: ['facilities:write'], regions: ['440100'] };
  const good = await stack.keys.token();
  const hour = Math.floor(Date.now() / 1000) + 3600;
  return [
    ['missing scheme', good, /must be "Bearer <token>"; it holds one word and no scheme/],
    ['another scheme', `Basic ${Buffer.from('agency:secret').toString('base64')}`, /"Basic" is not accepted/],
    ['garbage', 'Bearer garbage.garbage.garbage', /not a usable signed JWT/],
    ['expired', `Bearer ${await signToken(key, { ...claims, expires: hour - 7200 })}`, /^The token expired at /],
    [
      'signed by another key under this key id',
      `Bearer ${await new SignJWT({ scope: 'facilities:write', regions: ['440100'] })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid })
        .setSubject('guangzhou-health-commission')
        .setExpirationTime('1h')
        .sign(stranger.key.privateKey)}`,
      /signature does not verify .*signed by another key/,
    ],
    ['unknown kid', `Bearer ${await stranger.token()}`, /No key in this server's key set .* matches the token's "kid"/],
    [
      'alg: none',
      `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'guangzhou-health-commission', scope: 'facilities:write', exp: hour })}.`,
      /this server accepts RS256 or ES256 only/,
    ],
    [
      'HS256 keyed with the public key set',
      `Bearer ${await new SignJWT({ scope: 'facilities:write' })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .setSubject('guangzhou-health-commission')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(readFileSync(stack.keys.auth.jwksFile, 'utf8')))}`,
      /this server accepts RS256 or ES256 only/,
    ],
  ];
}

async function expectRefused(res: Response, message: RegExp) {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  const body = (await res.json()) as any;
  expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
  expect(body.errors[0].message).toMatch(message);
}

test('an anonymous read is answered, and reaches the subgraph with no credentials', async () => {
  proxy.seen.length = 0;
  const res = await post(gateway.url);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { data: unknown }).data).toEqual(ANSWER.data);
  expect(proxy.seen).toHaveLength(1);
  expect(proxy.seen[0].authorization).toBeUndefined();
});

test('a read with a valid token is answered, and the subgraph receives the same Authorization header', async () => {
  proxy.seen.length = 0;
  const authorization = `Bearer ${await stack.keys.token()}`;
  const res = await post(gateway.url, authorization);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { data: unknown }).data).toEqual(ANSWER.data);
  expect(proxy.seen).toHaveLength(1);
  expect(proxy.seen[0].authorization).toBe(authorization);
});

test('every bad token is refused at the gateway with 401 UNAUTHENTICATED, before any subgraph is asked (reads too)', async () => {
  const cases = await badCredentials();
  expect(cases).toHaveLength(8);
  for (const [, authorization, message] of cases) {
    proxy.seen.length = 0;
    await expectRefused(await post(gateway.url, authorization), message);
    expect(proxy.seen).toHaveLength(0);
  }
  // The CSV export runs the same check.
  const [, garbage, message] = cases[2];
  await expectRefused(await post(gateway.url, garbage, { path: '/export' }), message);
  // Health checks never look at credentials.
  expect((await fetch(gateway.url.replace(/\/graphql$/, '/_health'), { headers: { authorization: garbage } })).status).toBe(200);
});

test('a subgraph reached directly enforces the same rules: valid token answered, every bad one refused', async () => {
  const facilities = stack.subgraphs.facilities.url;
  const query = '{ facility(id: "nansha-blood-station") { name } }';
  const ok = await post(facilities, `Bearer ${await stack.keys.token()}`, { query });
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { data: unknown }).data).toEqual({ facility: { name: '南沙区血站' } });
  for (const [, authorization, message] of await badCredentials())
    await expectRefused(await post(facilities, authorization, { query }), message);
});

test('a gateway configured with JWKS_URL verifies against the key set it fetches (a loopback server here)', async () => {
  const jwks = readFileSync(stack.keys.auth.jwksFile, 'utf8');
  let fetched = 0;
  const keyServer: Server = createServer((_req, res) => {
    fetched++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/jwks.json`;
  // Its own file would hold no key at all: only the URL can make the token verify.
  const remote = await startGateway({
    port: 0,
    subgraphUrls: urlsOf(stack.subgraphs),
    auth: { jwksFile: '/nonexistent/jwks.json', jwksUrl },
  });
  try {
    const res = await post(remote.url, `Bearer ${await stack.keys.token()}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual(ANSWER.data);
    expect(fetched).toBe(1);
    await expectRefused(
      await post(remote.url, `Bearer ${await stranger.token()}`),
      new RegExp(`key set \\(${jwksUrl.replace(/\./g, '\\.')}\\)`),
    );
  } finally {
    await remote.stop();
    await new Promise<void>((resolve) => (keyServer.closeAllConnections(), keyServer.close(() => resolve())));
  }
});
