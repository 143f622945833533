import { connect } from 'node:net';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { MAX_HEADER_BYTES, MAX_JSON_DEPTH, nestsDeeperThan, serve, type RunningServer } from '../src';

/**
 * What serve() answers for requests whose shape is wrong before any GraphQL runs: too deep,
 * headers too large, a path it does not serve, a HEAD. Every answer is a 4xx with a
 * GraphQL-shaped body, never a 500 or a reset. (The gateway and every subgraph serve through it.)
 */
let running: RunningServer;
let origin: string;
beforeAll(async () => {
  running = await serve({
    // `echo` hands back its argument: a variable that reached execution would come back.
    apollo: new ApolloServer({
      typeDefs: 'scalar JSON type Query { echo(value: JSON): Boolean }',
      resolvers: { Query: { echo: () => true } },
    }),
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
    context: async () => ({}),
    ready: async () => true,
  });
  origin = running.url.replace(/\/graphql$/, '');
});
afterAll(() => running.stop());

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};
const tooDeep = (part: string) => ({
  errors: [
    {
      message: `${part} nests deeper than 128 levels of arrays and objects. Send flatter values; no input of this graph needs more. (MAX_JSON_DEPTH)`,
      extensions: { code: 'BAD_REQUEST' },
    },
  ],
});

test('nesting is measured without recursion, at any depth JSON.parse accepts', () => {
  expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
  expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  expect(nestsDeeperThan([[[]]], 3)).toBe(false);
  expect(nestsDeeperThan([[[]]], 2)).toBe(true);
  expect(nestsDeeperThan('a string', 0)).toBe(false);
  expect(nestsDeeperThan(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBe(true);
});

test('variables and extensions nested past MAX_JSON_DEPTH are a 400 naming the bound, in a POST body and a GET URL', async () => {
  const headers = { 'content-type': 'application/json' };
  for (const part of ['variables', 'extensions']) {
    // 3,000 levels (an 18 KB body) was a 500: the value reached a recursive walk.
    const post = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ echo }', [part]: { x: nested(3000) } }),
    });
    expect(post.status).toBe(400);
    expect(await post.json()).toEqual(tooDeep('The request body'));
    const get = await fetch(
      `${origin}/graphql?query=${encodeURIComponent('{ echo }')}&${part}=${encodeURIComponent(JSON.stringify(nested(200)))}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(get.status).toBe(400);
    expect(await get.json()).toEqual(tooDeep(`"${part}"`));
  }
  // At the bound (the body is one level, variables a second) the request runs.
  const within = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: 'query($v: JSON) { echo(value: $v) }', variables: { v: nested(MAX_JSON_DEPTH - 3) } }),
  });
  expect(within.status).toBe(200);
  expect(await within.json()).toEqual({ data: { echo: true } });
});

/** Sends raw bytes and reads the whole answer until the server closes the connection. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(running.port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}
const statusLine = (answer: string) => answer.split('\r\n')[0];
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

test.each([
  ['20 KB', 20_000],
  ['60 KB', 60_000],
  ['1 MB', 1_000_000],
])('a %s header is a 431 with a GraphQL-shaped body, read to its end instead of reset', async (_size, bytes) => {
  const answer = await exchange(`GET /_health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(bytes)}\r\n\r\n`);
  expect(statusLine(answer)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  expect(bodyOf(answer)).toEqual({
    errors: [
      {
        message: `The request's headers exceed ${MAX_HEADER_BYTES} bytes. Send fewer or shorter headers. (MAX_HEADER_BYTES)`,
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  });
  // fetch sees the same answer (it would report a reset as a network error).
  const res = await fetch(`${origin}/_health`, { headers: { 'x-padding': 'a'.repeat(bytes) } });
  expect(res.status).toBe(431);
  expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
});

test('a request that is not HTTP is a 400 with a body', async () => {
  const answer = await exchange('GET / HTTP/1.1\r\nHost x\r\n\r\n');
  expect(statusLine(answer)).toBe('HTTP/1.1 400 Bad Request');
  expect(bodyOf(answer)).toEqual({
    errors: [{ message: 'The request is not valid HTTP/1.1. Send a well-formed request.', extensions: { code: 'BAD_REQUEST' } }],
  });
});

test('a path nothing serves is a 404 with a code; HEAD answers every route without a body', async () => {
  const missing = await fetch(`${origin}/nothing-here`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({
    errors: [{ message: 'Nothing at /nothing-here. The GraphQL endpoint is /graphql.', extensions: { code: 'NOT_FOUND' } }],
  });
  const heads = await Promise.all(
    ['/_health', '/_readiness', '/metrics', '/nothing-here', '/graphql'].map(async (path) => {
      const res = await fetch(`${origin}${path}`, { method: 'HEAD' });
      return [path, res.status, (await res.text()).length];
    }),
  );
  expect(heads).toEqual([
    ['/_health', 200, 0],
    ['/_readiness', 200, 0],
    ['/metrics', 200, 0],
    ['/nothing-here', 404, 0],
    // Apollo serves GET and POST only, and says so.
    ['/graphql', 405, 0],
  ]);
});
