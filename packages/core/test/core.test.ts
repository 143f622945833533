import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { EnvironmentError, gatewayEnvironment, serve, subgraphEnvironment } from '../src';

test('the environment is validated with a message naming the variable', () => {
  expect(gatewayEnvironment({}).port).toBe(4000);
  expect(gatewayEnvironment({ PORT: '8080' }).port).toBe(8080);
  expect(() => gatewayEnvironment({ PORT: 'eighty' })).toThrow(EnvironmentError);
  expect(() => gatewayEnvironment({ PORT: '70000' })).toThrow(/PORT="70000": must be between 0 and 65535/);
  expect(() => gatewayEnvironment({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  expect(subgraphEnvironment('facilities', {}, '/repo')).toMatchObject({ port: 4002, dataDir: '/repo/data', seedsDir: '/repo/seeds' });
  expect(() => subgraphEnvironment('regions', { DATABASE_URL: 'mysql://x' }, '/repo')).toThrow(/DATABASE_URL/);
  expect(gatewayEnvironment({ DATA_DIR: '/srv/hsg' }).auth).toEqual({ jwksFile: '/srv/hsg/jwks.json', maxLifetimeSeconds: 30 * 86400 });
  expect(
    subgraphEnvironment('facilities', { JWKS_URL: 'http://127.0.0.1:9000/jwks.json', JWT_ISSUER: 'hsg', JWT_MAX_LIFETIME: '12h' }, '/repo')
      .auth,
  ).toEqual({
    jwksFile: '/repo/data/jwks.json',
    jwksUrl: 'http://127.0.0.1:9000/jwks.json',
    issuer: 'hsg',
    maxLifetimeSeconds: 12 * 3600,
  });
  expect(() => gatewayEnvironment({ JWT_MAX_LIFETIME: '30' })).toThrow(
    /JWT_MAX_LIFETIME="30": must be a duration <n>s, <n>m, <n>h or <n>d, from 1m to 365d \(e\.g\. 30d\)/,
  );
  expect(() => gatewayEnvironment({ JWT_MAX_LIFETIME: '366d' })).toThrow(/JWT_MAX_LIFETIME="366d": must be a duration/);
  expect(() => gatewayEnvironment({ JWKS_URL: 'keys.json' })).toThrow(/JWKS_URL="keys.json": must be a URL/);
  expect(gatewayEnvironment({}).rateLimits).toEqual({ agencyPerMinute: 600, anonymousPerMinute: 1200 });
  expect(gatewayEnvironment({ RATE_LIMIT_AGENCY: '0', RATE_LIMIT_ANONYMOUS: '50' }).rateLimits).toEqual({
    agencyPerMinute: 0,
    anonymousPerMinute: 50,
  });
  expect(() => gatewayEnvironment({ RATE_LIMIT_ANONYMOUS: 'lots' })).toThrow(
    /RATE_LIMIT_ANONYMOUS="lots": must be a number of requests per minute/,
  );
  expect(gatewayEnvironment({}).trustedProxies).toEqual([]);
  expect(gatewayEnvironment({ TRUSTED_PROXIES: ' loopback, 10.0.0.0/8 ,' }).trustedProxies).toEqual(['loopback', '10.0.0.0/8']);
  expect(() => gatewayEnvironment({ TRUSTED_PROXIES: 'loopback,nginx' })).toThrow(
    /TRUSTED_PROXIES="loopback,nginx": invalid IP address: nginx; use addresses, CIDR ranges such as 10.0.0.0\/8, or loopback/,
  );
  expect(() => gatewayEnvironment({ TRUSTED_PROXIES: '10.0.0.0/99' })).toThrow(/TRUSTED_PROXIES="10.0.0.0\/99": invalid range on address/);
});

test('the response cache is on, in memory, by default; off, on Redis and its bounds by variable; bad values stop the start', () => {
  expect(gatewayEnvironment({}).responseCache).toEqual({ ttlMs: 60_000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 1024 * 1024 });
  expect(gatewayEnvironment({ RESPONSE_CACHE: 'off' }).responseCache).toBe(false);
  expect(
    gatewayEnvironment({ REDIS_URL: 'redis://127.0.0.1:6380', RESPONSE_CACHE_TTL_MS: '5000', RESPONSE_CACHE_MAX_ENTRY_BYTES: '4096' })
      .responseCache,
  ).toEqual({ ttlMs: 5000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 4096, redisUrl: 'redis://127.0.0.1:6380' });
  expect(() => gatewayEnvironment({ RESPONSE_CACHE: 'yes' })).toThrow(/RESPONSE_CACHE="yes": must be on or off/);
  expect(() => gatewayEnvironment({ RESPONSE_CACHE_TTL_MS: '10' })).toThrow(/RESPONSE_CACHE_TTL_MS="10": must be at least 1000/);
  expect(() => gatewayEnvironment({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(
    /REDIS_URL="http:\/\/127.0.0.1:6379": must be a redis:\/\//,
  );
});

test('an exception outside GraphQL is a 500 naming an error id, and the same id is logged with the cause', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
  const running = await serve({
    apollo: new ApolloServer({ typeDefs: 'type Query { ok: Boolean }' }),
    host: '127.0.0.1',
    port: 0,
    logger,
    context: async () => ({}),
    ready: async () => true,
    routes: async (_req, _res, url) => {
      if (url.pathname === '/boom') throw new Error('disk on fire');
      return false;
    },
  });
  try {
    const res = await fetch(running.url.replace('/graphql', '/boom'));
    expect(res.status).toBe(500);
    const body = (await res.json()) as any;
    const errorId = body.errors[0].extensions.errorId;
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(body.errors[0].message).toContain(errorId);
    expect(body.errors[0].message).not.toContain('disk on fire');
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.errorId === errorId);
    expect(logged).toMatchObject({ msg: 'unexpected error', err: { message: 'disk on fire' }, url: '/boom' });
    expect(logged.requestId).toBe(res.headers.get('x-request-id'));
  } finally {
    await running.stop();
  }
});
