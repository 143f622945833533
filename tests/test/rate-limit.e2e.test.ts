import { type RunningServer } from '@hsg/core';
import { execFileSync } from 'node:child_process';
import { startGateway } from '@hsg/gateway';

import { freePort } from './ports';
import { startRedis, type RunningRedis } from './redis';
import { startStack, urlsOf, type Stack } from './stack';

let stack: Stack;
let gateway: RunningServer;
beforeAll(async () => (stack = await startStack()));
afterAll(async () => await stack?.stop());
// Each test has a gateway of its own, so no test spends another's requests.
beforeEach(async () => {
  gateway = await startGateway({
    port: 0,
    subgraphUrls: urlsOf(stack.subgraphs),
    auth: stack.keys.auth,
    rateLimits: { agencyPerMinute: 3, anonymousPerMinute: 5 },
  });
});
afterEach(async () => await gateway?.stop());

const post = (token?: string) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: '{ region(id: "440115") { name } }' }),
  });

async function expectLimited(res: Response, message: RegExp) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
  const body = (await res.json()) as any;
  expect(body).toEqual({ errors: [{ message: expect.stringMatching(message), extensions: { code: 'RATE_LIMITED', retryAfter } }] });
  expect(body.errors[0].message).toContain(`Retry after ${retryAfter} s.`);
}

test('an agency gets its requests per minute, then RATE_LIMITED with Retry-After; another agency and anonymous readers are counted apart', async () => {
  const commission = await stack.keys.token({ agency: 'guangzhou-health-commission' });
  for (let i = 0; i < 3; i++) {
    const res = await post(commission);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('3');
    expect(res.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    expect(((await res.json()) as { data: unknown }).data).toEqual({ region: { name: '南沙区' } });
  }
  await expectLimited(await post(commission), /^Rate limit reached: 3 requests per minute for agency guangzhou-health-commission\./);
  // A fresh token for the same agency is the same subject: still limited.
  await expectLimited(await post(await stack.keys.token({ agency: 'guangzhou-health-commission' })), /agency guangzhou-health-commission/);

  const province = await stack.keys.token({ agency: 'gd-health-commission', regions: ['440000'] });
  expect((await post(province)).status).toBe(200);
  const anonymous = await post();
  expect(anonymous.status).toBe(200);
  expect(anonymous.headers.get('ratelimit-limit')).toBe('5');
});

test('anonymous requests are limited per client address at their own ceiling; health checks never are', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await post();
    statuses.push(res.status);
    if (res.status === 429)
      await expectLimited(res, /^Rate limit reached: 5 requests per minute for anonymous requests from (::ffff:)?127\.0\.0\.1\./);
    else await res.arrayBuffer();
  }
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  expect((await fetch(gateway.url.replace(/\/graphql$/, '/_health'))).status).toBe(200);
});

test('behind a trusted proxy, anonymous requests count per forwarded client; from any other peer X-Forwarded-For is ignored', async () => {
  const from = (url: string, forwardedFor?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      body: JSON.stringify({ query: '{ region(id: "440115") { name } }' }),
    });
  const remaining = async (res: Response) => {
    await res.arrayBuffer();
    return `${res.status} ${res.headers.get('ratelimit-remaining')}`;
  };
  // This test's own gateway trusts no proxy: a client naming another address in the header gains nothing.
  expect(await remaining(await from(gateway.url, '203.0.113.7'))).toBe('200 4');
  expect(await remaining(await from(gateway.url, '198.51.100.2'))).toBe('200 3');

  const proxied = await startGateway({
    port: 0,
    subgraphUrls: urlsOf(stack.subgraphs),
    auth: stack.keys.auth,
    rateLimits: { agencyPerMinute: 3, anonymousPerMinute: 5 },
    trustedProxies: ['loopback'],
  });
  try {
    for (let i = 4; i >= 0; i--) expect(await remaining(await from(proxied.url, '203.0.113.7'))).toBe(`200 ${i}`);
    await expectLimited(
      await from(proxied.url, '203.0.113.7'),
      /^Rate limit reached: 5 requests per minute for anonymous requests from 203\.0\.113\.7\./,
    );
    // Another client behind the same proxy has its own budget, and so has the proxy's own address.
    expect(await remaining(await from(proxied.url, '198.51.100.2'))).toBe('200 4');
    expect(await remaining(await from(proxied.url))).toBe('200 4');
    // The proxy appends the address it saw: what a client wrote before it does not choose the budget.
    expect(await remaining(await from(proxied.url, '203.0.113.7, 198.51.100.2'))).toBe('200 3');
    // A header that names no address is still an answer, counted under what it says, not a failure.
    expect(await remaining(await from(proxied.url, 'unknown, ,'))).toBe('200 4');
  } finally {
    await proxied.stop();
  }
});

describe('with REDIS_URL', () => {
  let redis: RunningRedis;
  let second: RunningServer;
  beforeAll(async () => (redis = await startRedis()));
  afterAll(async () => await redis?.stop());
  afterEach(async () => await second?.stop());
  const shared = (redisUrl: string) =>
    startGateway({
      port: 0,
      subgraphUrls: urlsOf(stack.subgraphs),
      auth: stack.keys.auth,
      rateLimits: { agencyPerMinute: 4, anonymousPerMinute: 5, redisUrl },
    });
  const postTo = (url: string, token: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ region(id: "440115") { name } }' }),
    });

  test('two gateways count one budget per agency in Redis: requests through either spend it', async () => {
    await gateway.stop();
    gateway = await shared(redis.url);
    second = await shared(redis.url);
    const token = await stack.keys.token({ agency: 'shenzhen-health-commission' });
    const remaining: (string | null)[] = [];
    for (const url of [gateway.url, second.url, gateway.url, second.url]) {
      const res = await postTo(url, token);
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('ratelimit-remaining'));
      await res.arrayBuffer();
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);
    // The fifth, through either replica, is over the shared budget.
    await expectLimited(
      await postTo(second.url, token),
      /^Rate limit reached: 4 requests per minute for agency shenzhen-health-commission\./,
    );
    await expectLimited(await postTo(gateway.url, token), /agency shenzhen-health-commission/);
    const counted = execFileSync('/usr/bin/redis-cli', ['-p', String(redis.port), 'GET', 'hsg:rl:agency:shenzhen-health-commission']);
    expect(counted.toString().trim()).toBe('6');
  });

  test('a gateway whose Redis cannot be reached still starts, answers and limits, counting in its own memory', async () => {
    await gateway.stop();
    const closed = await freePort();
    gateway = await shared(`redis://127.0.0.1:${closed}`);
    const token = await stack.keys.token({ agency: 'guangzhou-health-commission' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await postTo(gateway.url, token);
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });
});
