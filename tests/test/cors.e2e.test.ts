import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { corsPolicy, gatewayEnvironment, type RunningServer } from '@hsg/core';
import { startGateway } from '@hsg/gateway';
import { startOwnersStack, ownerUrlsOf } from './owners-stack';
import type { Stack } from './stack';

/**
 * CORS at the HTTP level, with curl (what a browser sends, without a browser): preflights are
 * answered before Apollo's CSRF prevention, an allowed origin gets its headers on /graphql,
 * /export and /export/bulk, a disallowed one gets none, and CSRF prevention refuses what it did.
 * cors.browser.test.ts shows the same from a page in Chromium.
 */
let stack: Stack;
let gateway: RunningServer;
beforeAll(async () => {
  stack = await startOwnersStack();
  gateway = await startGateway({
    port: 0,
    subgraphUrls: ownerUrlsOf(stack),
    auth: stack.keys.auth,
    corsOrigins: ['https://app.example.org', 'http://localhost:*'],
    rateLimits: { agencyPerMinute: 600, anonymousPerMinute: 1200 },
  });
}, 300_000);
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const run = promisify(execFile);

/** One request with curl (in a child process: the gateway answers from this one); headers come back lower-cased. */
async function curl(args: string[]): Promise<Answer> {
  const { stdout: out } = await run('curl', ['-s', '-i', '--max-time', '30', ...args], { encoding: 'utf8' });
  const [head, ...rest] = out.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status, headers, body: rest.join('\r\n\r\n') };
}

const base = () => gateway.url.replace(/\/graphql$/, '');
const preflight = async (path: string, origin: string) =>
  curl([
    '-X',
    'OPTIONS',
    `${base()}${path}`,
    '-H',
    `Origin: ${origin}`,
    '-H',
    'Access-Control-Request-Method: POST',
    '-H',
    'Access-Control-Request-Headers: content-type, authorization',
  ]);

test('a preflight from an allowed origin is answered 204 with the methods, headers and max age, on every route', async () => {
  for (const path of ['/graphql', '/export', '/export/bulk']) {
    const answer = await preflight(path, 'https://app.example.org');
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example.org',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, authorization, apollo-require-preflight, x-request-id, traceparent, last-event-id',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  }
  // Any port of localhost (a dev server), and nothing but a port.
  expect((await preflight('/graphql', 'http://localhost:5173')).headers['access-control-allow-origin']).toBe('http://localhost:5173');
  expect((await preflight('/graphql', 'http://localhost:5173.evil.example')).status).toBe(403);
});

test('a preflight from an origin not allowed gets 403 CORS_ORIGIN_NOT_ALLOWED and no Access-Control-Allow-Origin', async () => {
  for (const origin of ['https://evil.example', 'https://app.example.org.evil.example', 'http://app.example.org', 'null']) {
    const answer = await preflight('/graphql', origin);
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers.vary).toBe('Origin');
    expect(JSON.parse(answer.body)).toEqual({
      errors: [
        {
          message: `Origin ${origin} is not allowed to call this API from a browser. The operator lists allowed origins in CORS_ORIGINS.`,
          extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
        },
      ],
    });
  }
});

test('answers to an allowed origin expose the headers a page reads; Vary merges with the response cache', async () => {
  const answer = await curl([
    gateway.url,
    '-H',
    'Origin: https://app.example.org',
    '-H',
    'content-type: application/json',
    '--data',
    '{"query":"{ region(id: \\"440115\\") { name } }"}',
  ]);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body).data).toEqual({ region: { name: '南沙区' } });
  expect(answer.headers['access-control-allow-origin']).toBe('https://app.example.org');
  expect(answer.headers['access-control-expose-headers']).toBe(
    'etag, ratelimit-limit, ratelimit-remaining, retry-after, x-request-id, x-cache, x-schema-version',
  );
  expect(answer.headers.vary).toBe('Origin');
  expect(answer.headers['ratelimit-limit']).toBe('1200');
  expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

  // A refusal carries them too (the bulk export reads the change feed, which this stack leaves out).
  for (const [path, status] of [
    ['/export?query=%7B%20region(id%3A%20%22440115%22)%20%7B%20name%20%7D%20%7D', '200'],
    ['/export/bulk?type=Nothing&format=ndjson', '400'],
  ]) {
    // Headers only (-D -).
    const { stdout } = await run('curl', [
      '-s',
      '-D',
      '-',
      '-o',
      '/dev/null',
      '--max-time',
      '60',
      `${base()}${path}`,
      '-H',
      'Origin: https://app.example.org',
      '-H',
      'apollo-require-preflight: true',
    ]);
    const exported = {
      headers: Object.fromEntries(
        stdout
          .split('\r\n')
          .slice(1)
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      ),
    };
    expect(stdout.split(' ')[1]).toBe(status);
    expect(exported.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(exported.headers.vary).toBe('Origin');
  }
});

test('an origin not allowed gets its answer without CORS headers, and CSRF prevention refuses what it refused before', async () => {
  const read = await curl([
    gateway.url,
    '-H',
    'Origin: https://evil.example',
    '-H',
    'content-type: application/json',
    '--data',
    '{"query":"{ region(id: \\"440115\\") { name } }"}',
  ]);
  expect(read.status).toBe(200);
  expect(read.headers['access-control-allow-origin']).toBeUndefined();
  expect(read.headers['access-control-expose-headers']).toBeUndefined();
  expect(read.headers.vary).toBe('Origin');

  // A simple request (no preflight: text/plain POST, or GET without apollo-require-preflight) is refused, allowed origin or not.
  for (const origin of ['https://evil.example', 'https://app.example.org']) {
    const plain = await curl([
      gateway.url,
      '-H',
      `Origin: ${origin}`,
      '-H',
      'content-type: text/plain',
      '--data',
      '{"query":"{ __typename }"}',
    ]);
    expect(plain.status).toBe(400);
    expect(JSON.parse(plain.body).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    const get = await curl([`${gateway.url}?query=%7B__typename%7D`, '-H', `Origin: ${origin}`]);
    expect(get.status).toBe(400);
    expect(JSON.parse(get.body).errors[0].extensions.code).toBe('CSRF_PREVENTED');
  }
});

test('an OPTIONS that is no preflight (no Access-Control-Request-Method) is left to the routes, and to CSRF prevention', async () => {
  const answer = await curl(['-X', 'OPTIONS', gateway.url, '-H', 'Origin: https://app.example.org']);
  // Apollo refuses it as it did before: a request without a content type is one a page could send cross-site.
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('CSRF_PREVENTED');
  expect(answer.headers['access-control-allow-origin']).toBe('https://app.example.org');
});

test('CORS_ORIGINS: a list, none, a default of local dev servers, and entries that are no origin stop the start', async () => {
  const env = (value?: string) => gatewayEnvironment(value === undefined ? {} : { CORS_ORIGINS: value }).corsOrigins;
  expect(env()).toEqual(['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']);
  expect(env('https://app.example.org, https://admin.example.org')).toEqual(['https://app.example.org', 'https://admin.example.org']);
  expect(env('none')).toEqual([]);
  expect(env('*')).toEqual(['*']);
  expect(() => env('https://app.example.org/path')).toThrow(/CORS_ORIGINS.*is not an origin/s);
  expect(() => env('app.example.org')).toThrow(/CORS_ORIGINS.*is not an origin/s);
  expect(() => env(',')).toThrow(/CORS_ORIGINS.*at least one origin/s);
  expect(() => env('http://localhost:99999')).toThrow(/port above 65535/);

  const defaults = corsPolicy(env());
  expect(['http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://localhost'].map(defaults.allows)).toEqual([
    true,
    true,
    true,
    true,
  ]);
  expect(['https://localhost:5173', 'http://localhost.evil.example', 'http://192.168.1.5:5173'].map(defaults.allows)).toEqual([
    false,
    false,
    false,
  ]);
  expect(corsPolicy([]).allows('http://localhost:5173')).toBe(false);
});
