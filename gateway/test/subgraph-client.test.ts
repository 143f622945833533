import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { createLogger, Metrics } from '@hsg/core';
import { collapseRepresentations, SubgraphClient, subgraphAgents } from '../src/subgraph-client';

const region = (id: string) => ({ __typename: 'Region', id });

test('each distinct representation is sent once and every original position gets its answer and its errors back', () => {
  const sent = [region('440111'), region('440100'), region('440111'), region('440100'), region('440115')];
  const collapsed = collapseRepresentations(sent)!;
  expect(collapsed.distinct).toEqual([region('440111'), region('440100'), region('440115')]);
  const answer = collapsed.spread({
    data: { _entities: [{ name: '白云区' }, null, { name: '南沙区' }] },
    errors: [
      { message: 'Region 440100 failed', path: ['_entities', 1, 'name'] },
      { message: 'elsewhere', path: ['other'] },
    ],
  });
  expect(answer.data).toEqual({ _entities: [{ name: '白云区' }, null, { name: '白云区' }, null, { name: '南沙区' }] });
  expect(answer.errors).toEqual([
    { message: 'Region 440100 failed', path: ['_entities', 1, 'name'] },
    { message: 'Region 440100 failed', path: ['_entities', 3, 'name'] },
    { message: 'elsewhere', path: ['other'] },
  ]);
});

test('a fetch without duplicates is sent as it is, and a failed fetch (no data) spreads its errors only', () => {
  expect(collapseRepresentations([region('440100'), region('440115')])).toBeNull();
  const collapsed = collapseRepresentations([region('440100'), region('440100')])!;
  const failed = collapsed.spread({ errors: [{ message: 'down', path: ['_entities', 0, 'name'] }] });
  expect(failed.data).toBeUndefined();
  expect(failed.errors!.map((e) => e.path)).toEqual([
    ['_entities', 0, 'name'],
    ['_entities', 1, 'name'],
  ]);
});

describe('SubgraphClient against a subgraph that misbehaves', () => {
  const answers: Record<string, (res: ServerResponse) => void> = {
    '/error': (res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"database is locked"}]}'),
    '/html': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>proxy page</h1>'),
    '/slow': (res) => {
      const later = setTimeout(() => res.end('{"data":{"f":1}}'), 2000);
      res.on('close', () => clearTimeout(later)); // the client gave up and closed the connection
    },
    '/array': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'),
    '/ok': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"f":1}}'),
  };
  const seen: Record<string, string | undefined>[] = [];
  let server: Server;
  let base: string;
  const agents = subgraphAgents();
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        id: String(req.headers['x-request-id']),
        authorization: req.headers.authorization,
        length: req.headers['content-length'],
      });
      req.resume().on('end', () => answers[req.url!](res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agents.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A client for the officials subgraph at `url`, asked `{ f }` as the client `context`. */
  const ask = (url: string, context: object = {}) =>
    new SubgraphClient({
      name: 'officials',
      url,
      timeoutMs: 300,
      logger: createLogger('test', 'silent'),
      metrics: new Metrics('test'),
      agents,
    }).process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: { query: '{ f }' },
      context,
    } as never);

  test('answers come back as the subgraph sent them, with the request id and credentials passed on', async () => {
    expect(await ask(`${base}/ok`, { requestId: 'req-1', authorization: 'Bearer t', caller: null })).toEqual({ data: { f: 1 } });
    expect(seen.at(-1)).toEqual({ id: 'req-1', authorization: 'Bearer t', length: String('{"query":"{ f }"}'.length) });
  });

  test.each([
    ['/error', 'HTTP_ERROR', 'answered HTTP 500 ("database is locked")'],
    ['/html', 'BAD_RESPONSE', 'answered something other than a GraphQL response (text/html, 19 bytes)'],
    ['/array', 'BAD_RESPONSE', 'answered something other than a GraphQL response (JSON that is no object)'],
    ['/slow', 'TIMEOUT', 'did not answer within 300 ms'],
    ['a closed port', 'UNREACHABLE', 'could not be reached (ECONNREFUSED)'],
  ])('%s: the field it would have filled is a located SUBGRAPH_UNAVAILABLE error (%s)', async (path, reason, said) => {
    const answer = await ask(path.startsWith('/') ? base + path : 'http://127.0.0.1:1/graphql');
    expect(answer).toEqual({
      errors: [
        {
          message: `The officials subgraph ${said}; this part of the response is missing. The rest is complete; retry later for this part.`,
          path: ['f'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason },
        },
      ],
    });
  });
});
