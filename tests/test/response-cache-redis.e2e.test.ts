import { type RunningServer } from '@hsg/core';
import { execFileSync } from 'node:child_process';
import { startGateway } from '@hsg/gateway';

import { startRedis, type RunningRedis } from './redis';
import { startStack, urlsOf, type Stack } from './stack';

let redis: RunningRedis;
let stack: Stack; // its gateway is replica 1
let replica2: RunningServer;
let gz: string;

beforeAll(async () => {
  redis = await startRedis();
  const responseCache = { ttlMs: 60_000, maxBytes: 10_000_000, maxEntryBytes: 1_000_000, redisUrl: redis.url };
  stack = await startStack(undefined, { responseCache });
  replica2 = await startGateway({ port: 0, subgraphUrls: urlsOf(stack.subgraphs), auth: stack.keys.auth, responseCache });
  gz = await stack.keys.token();
});
afterAll(async () => {
  await replica2?.stop();
  await stack?.stop();
  await redis?.stop();
});

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, cache: res.headers.get('x-cache'), body: (await res.json()) as { data?: any; errors?: any[] } };
}

const redisCli = (...args: string[]) =>
  execFileSync('/usr/bin/redis-cli', ['-p', String(redis.port), ...args])
    .toString()
    .trim();
/** A counter of the gateway's /metrics, by its name and one label (`service` is always there too). */
const metric = async (url: string, name: string, label: string) => {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
  return Number(line?.split(' ')[1] ?? 0);
};

const ONE = '{ facility(id: "gz-cdc") { name } }';
const source = { title: '广州市卫生健康委员会关于缓存测试的通知', reference: '穗卫〔2026〕98号', date: '2026-11-30' };
const rename = async (name: string) => {
  const read = await gql(stack.gateway.url, '{ facility(id: "gz-cdc") { version } }');
  const res = await gql(
    stack.gateway.url,
    `mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { name } }`,
    { input: { id: 'gz-cdc', expectedVersion: read.body.data.facility.version, changes: { name }, source } },
    gz,
  );
  expect(res.body.errors).toBeUndefined();
  return res;
};

test('two gateways share one cache on Redis: a write through one is seen at once through the other', async () => {
  const first = await gql(stack.gateway.url, ONE);
  expect(first).toMatchObject({ cache: 'miss', body: { data: { facility: { name: '广州市疾病预防控制中心' } } } });
  // Replica 2 finds what replica 1 stored.
  expect(await gql(replica2.url, ONE)).toMatchObject({ cache: 'hit', body: { data: { facility: { name: '广州市疾病预防控制中心' } } } });
  expect(Number(redisCli('DBSIZE'))).toBeGreaterThan(1);

  await rename('广州市疾病预防控制中心（测试）');
  const after = await gql(replica2.url, ONE);
  expect(after).toMatchObject({ cache: 'miss', body: { data: { facility: { name: '广州市疾病预防控制中心（测试）' } } } });
  expect(await gql(stack.gateway.url, ONE)).toMatchObject({
    cache: 'hit',
    body: { data: { facility: { name: '广州市疾病预防控制中心（测试）' } } },
  });
});

test('an invalidation that could not reach Redis drops the whole cache once Redis answers again', async () => {
  const QUERY = '{ facility(id: "gz-cdc") { name region { name } } }';
  await gql(replica2.url, QUERY);
  expect((await gql(stack.gateway.url, QUERY)).cache).toBe('hit');
  // Redis stops answering for a while (every call times out), keeping its data. Long enough for
  // the write and its invalidation to happen inside it on a loaded machine.
  redisCli('CLIENT', 'PAUSE', '5000', 'ALL');
  const failedBefore = await metric(stack.gateway.url, 'hsg_response_cache_errors_total', 'call="invalidate"');
  await rename('广州市疾病预防控制中心');
  expect(await metric(stack.gateway.url, 'hsg_response_cache_errors_total', 'call="invalidate"')).toBe(failedBefore + 1);
  // A command sent during the pause is answered when it ends.
  expect(redisCli('PING')).toBe('PONG');
  // Replica 1 missed the invalidation, so its next call drops everything before reading.
  const read = await gql(stack.gateway.url, QUERY);
  expect(read).toMatchObject({
    cache: 'miss',
    body: { data: { facility: { name: '广州市疾病预防控制中心', region: { name: '广州市' } } } },
  });
  expect((await gql(replica2.url, QUERY)).cache).toBe('hit');
  expect((await gql(replica2.url, QUERY)).body.data.facility.name).toBe('广州市疾病预防控制中心');
});

test('with Redis down the gateway answers every request uncached and says so; writes still land', async () => {
  await redis.stop();
  const unavailable = await metric(replica2.url, 'hsg_response_cache_requests_total', 'result="unavailable"');
  for (let i = 0; i < 2; i++) {
    const res = await gql(replica2.url, '{ region(id: "440115") { name facilities(first: 1) { totalCount } } }');
    expect(res).toMatchObject({
      status: 200,
      cache: 'unavailable',
      body: { data: { region: { name: '南沙区', facilities: { totalCount: 6 } } } },
    });
    expect(res.body.errors).toBeUndefined();
  }
  expect(await metric(replica2.url, 'hsg_response_cache_requests_total', 'result="unavailable"')).toBe(unavailable + 2);
  const res = await rename('广州市疾病预防控制中心（离线）');
  expect(res.body.data.updateFacility.name).toBe('广州市疾病预防控制中心（离线）');
  expect((await gql(replica2.url, ONE)).body.data.facility.name).toBe('广州市疾病预防控制中心（离线）');
});
