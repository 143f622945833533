import { readFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '@hsg/core';
import { getIntrospectionQuery } from 'graphql';
import { startStack, type Stack } from './stack';

/**
 * What an attacker (or a careless client) sends, family by family: each request gets the exact
 * status and `extensions.code` it must, and the stack still answers `/_health` promptly after it.
 */
let stack: Stack;
/** The facilities a read through the gateway counts, as the stack starts: every case leaves it answering the same. */
let facilityCount: unknown;
beforeAll(async () => {
  stack = await startStack();
  facilityCount = (await readFacilities()).count;
});
afterAll(() => stack?.stop());

const origin = () => stack.gateway.url.replace(/\/graphql$/, '');

interface Answer {
  status: number;
  body: any;
}

async function send(path: string, body: unknown, headers: Record<string, string> = {}, url?: string): Promise<Answer> {
  const res = await fetch(url ?? origin() + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV or plain text: compared as text
  }
  return { status: res.status, body: parsed };
}
const gql = (query: string, extra: Record<string, unknown> = {}) => send('/graphql', { query, ...extra });
const exportJson = (query: string, extra: Record<string, unknown> = {}) => send('/export?format=json', { query, ...extra });

/** The first error's code, or a description of what came instead (so a failure shows the answer). */
const codeOf = (a: Answer) => a.body?.errors?.[0]?.extensions?.code ?? JSON.stringify(a.body).slice(0, 300);

/** A read through the gateway to a subgraph, bounded at 5 s. */
async function readFacilities(): Promise<{ status: number; count: unknown }> {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ facilities(first: 1) { totalCount } }' }),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, count: ((await res.json()) as any).data?.facilities?.totalCount };
}

/** After every hostile request the gateway still answers its health check at once, and a read through it within 5 s. */
afterEach(async () => {
  const started = Date.now();
  const res = await fetch(`${origin()}/_health`, { signal: AbortSignal.timeout(1000) });
  expect(res.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(1000);
  expect(await readFacilities()).toEqual({ status: 200, count: facilityCount });
});

/** The 2^20 fragment chain: F0 spreads F1 twice, F1 spreads F2 twice … */
const fragmentChain = (leaf = '__typename') =>
  `{ ...F0 } ${Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F20 on Query { ${leaf} }`;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('depth and breadth', () => {
  test('nesting deeper than MAX_QUERY_DEPTH is refused before anything runs', async () => {
    const deep = await gql(`{ region(id: "440115") { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } }`);
    expect(deep.status).toBe(400);
    expect(codeOf(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.body.errors[0].message).toBe(
      'Query depth limit of 12 exceeded, found 16. Split it into several queries. (MAX_QUERY_DEPTH)',
    );
  });

  test.each([
    [
      'the 169-byte depth-10 children/parent query',
      '{ region(id:"440000") { children { parent { children { parent { children { parent { children { parent { children { name } } } } } } } } } } }',
      325_255_101,
    ],
    [
      'the depth-8 version',
      '{ region(id:"440000") { children { parent { children { parent { children { parent { children { name } } } } } } } } }',
      6_505_101,
    ],
    ['1000 search hits per page', '{ search(text: "a", first: 1000) { node { ... on Region { name } } } }', 3000],
  ])('breadth through lists: %s is refused on its estimated cost', async (_name, query, estimated) => {
    const res = await gql(query);
    if (estimated <= 20_000) {
      // Under the budget: the subgraph's own bound on `first` refuses it.
      expect(res.status).toBe(200);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      return;
    }
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('COST_LIMIT_EXCEEDED');
    expect(res.body.errors[0].extensions.cost).toEqual({ estimated, limit: 20_000 });
    expect(res.body.errors[0].message).toBe(
      `The operation's estimated cost is ${estimated}; the limit is 20000. Ask for fewer items (a smaller "first"), fewer nested lists or fewer fields. (MAX_COST)`,
    );
  });

  test('a large page of a nested list is refused on cost, a small one answers with its cost', async () => {
    const big = await gql('{ regions(first: 100) { nodes { facilities(first: 100) { nodes { projects { name } } } } } }');
    expect(big.status).toBe(400);
    expect(codeOf(big)).toBe('COST_LIMIT_EXCEEDED');
    const small = await gql('{ regions(first: 2) { nodes { id children { id } } } }');
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    // 1 (connection) + 2 × (1 + 50 assumed children); actual: the two regions and their real children.
    expect(small.body.extensions.cost.estimated).toBe(103);
    const children = small.body.data.regions.nodes.reduce((n: number, r: { children: unknown[] }) => n + r.children.length, 0);
    expect(small.body.extensions.cost.actual).toBe(1 + 2 + children);
  });
});

describe('fragments', () => {
  test('the 2^20 fragment chain is validated and costed in linear time, on /graphql and /export', async () => {
    const res = await gql(fragmentChain());
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
    const exported = await exportJson(fragmentChain());
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual([{ __typename: 'Query' }]);
  });

  test('a chain ending in a real field costs what the merged selection costs', async () => {
    const res = await gql(fragmentChain('region(id: "440100") { name }'));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ region: { name: '广州市' } });
    expect(res.body.extensions.cost).toEqual({ estimated: 1, actual: 1, limit: 20_000 });
  });

  test('fragment cycles are refused', async () => {
    const res = await gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toBe('Cannot spread fragment "A" within itself via "B".');
  });
});

describe('floods', () => {
  test('more aliases than MAX_ALIASES are refused', async () => {
    const res = await gql(aliases(16, 'region(id: "440100") { name }'));
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toBe(
      'Aliases limit of 15 exceeded, found 16. Ask for fewer aliased fields per request. (MAX_ALIASES)',
    );
  });

  test.each([
    ['1,000 aliased searches (44 KB)', aliases(1000, 'search(text:"a", first:50) { score }')],
    ['5,000 aliased regions', aliases(5000, 'region(id:"440000") { name }')],
    ['1,000 aliased introspections (94 KB)', aliases(1000, '__schema { types { fields { name type { name } } } }')],
  ])('%s stop at the token limit, before parsing ends', async (_name, query) => {
    const res = await gql(query);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.body.errors[0].message).toBe('Syntax Error: Document contains more that 1000 tokens. Parsing aborted.');
  });

  test('more directives than MAX_DIRECTIVES are refused', async () => {
    const res = await gql(
      `{ region(id: "440100") { ${Array.from({ length: 51 }, (_, i) => `f${i % 10}: name @include(if: true)`)
        .slice(0, 51)
        .join(' ')} } }`,
    );
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors.map((e: { message: string }) => e.message)).toContain(
      'Directives limit of 50 exceeded, found 51. Use fewer directives per request. (MAX_DIRECTIVES)',
    );
  });

  test('more root fields than MAX_ROOT_FIELDS are refused', async () => {
    const lists = [
      'regions',
      'facilities',
      'projects',
      'designations',
      'indicators',
      'observations',
      'plans',
      'targets',
      'meetings',
      'organizations',
      'people',
    ];
    const byId = ['region', 'facility', 'project', 'designation', 'indicator', 'observation', 'plan', 'target', 'meeting', 'post'];
    const query = `{ ${lists.map((f) => `${f} { totalCount }`).join(' ')} ${byId.map((f) => `${f}(id: "x") { id }`).join(' ')} }`;
    const res = await gql(query);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toBe(
      'The operation asks for 21 root fields; the limit is 20. Split it into several requests. (MAX_ROOT_FIELDS)',
    );
  });
});

describe('introspection', () => {
  test("the explorer's full introspection query answers, with its cost", async () => {
    const res = await gql(getIntrospectionQuery());
    expect(res.status).toBe(200);
    expect(res.body.data.__schema.queryType.name).toBe('Query');
    // Well within the budget: 11,069 of 20,000 since every list has its aggregate's types (7,523 before; docs/operating.md).
    expect(res.body.extensions.cost.estimated).toBeLessThan(res.body.extensions.cost.limit * 0.6);
  });

  test('introspection that nests its lists is refused by graphql-js, repeating it under aliases on cost', async () => {
    const nested = await gql('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(nested.status).toBe(400);
    expect(codeOf(nested)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(nested.body.errors[0].message).toBe('Maximum introspection depth exceeded');
    const repeated = await gql(aliases(15, '__schema { types { name fields { name args { name } type { name ofType { name } } } } }'));
    expect(repeated.status).toBe(400);
    expect(codeOf(repeated)).toBe('COST_LIMIT_EXCEEDED');
  });
});

describe('bodies and requests', () => {
  test('a body over MAX_BODY_BYTES gets a GraphQL-shaped 413 over an intact connection, on /graphql and /export', async () => {
    for (const path of ['/graphql', '/export']) {
      const res = await send(path, { query: '{ __typename }', padding: 'x'.repeat(2_000_000) });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        errors: [
          {
            message: 'Request body exceeds 1000000 bytes. Send a smaller query or fewer variables. (MAX_BODY_BYTES)',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    }
  });

  test('batched arrays, invalid JSON and invalid UTF-8 are 400s that say so', async () => {
    const batch = await send('/graphql', [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(batch.status).toBe(400);
    expect(batch.body.errors[0]).toMatchObject({ message: 'Operation batching disabled.', extensions: { code: 'BATCHING_NOT_SUPPORTED' } });
    const json = await send('/graphql', '{"query": ');
    expect(json.status).toBe(400);
    expect(json.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const utf8 = await send('/graphql', Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x7d]));
    expect(utf8.status).toBe(400);
    expect(utf8.body.errors[0]).toEqual({
      message: 'The request body is not valid UTF-8. Send the JSON encoded as UTF-8.',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  test('a malformed request target is a 400, not a 500', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(stack.gateway.port, '127.0.0.1', () =>
        socket.write('GET //%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1)).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  test('wrong variable types are BAD_USER_INPUT 400s', async () => {
    const res = await gql('query($first: Int) { regions(first: $first) { totalCount } }', { variables: { first: 'ten' } });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });
});

describe('operations', () => {
  test.each([
    ['mutation of a field the graph lacks', 'mutation { anything }', 'Cannot query field "anything" on type "Mutation".'],
    [
      'subscription',
      'subscription { changes { cursor } }',
      "Subscriptions are not run at /graphql, which answers each request once. Subscribe at the gateway's /graphql/stream (GraphQL over Server-Sent Events, with Accept: text/event-stream).",
    ],
  ])('a %s is a 400 saying the graph has none', async (_kind, query, message) => {
    const res = await gql(query);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toBe(message);
  });

  test('unknown and ambiguous operation names are 400s listing the operations', async () => {
    const unknown = await gql('query A { __typename } query B { __typename }', { operationName: 'C' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toEqual({
      message: 'The document has no operation named "C"; it has "A", "B".',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
    const ambiguous = await gql('query A { __typename } query B { __typename }');
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors[0].message).toBe('The document has 2 operations ("A", "B"); say which to run with "operationName".');
  });

  test('a 900 KB operationName is answered with a short message', async () => {
    const res = await gql('query A { __typename }', { operationName: 'x'.repeat(900_000) });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(res.body.errors[0].message.length).toBeLessThan(200);
  });
});

describe('cursors', () => {
  const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  test.each([
    'o:4',
    '["Region:id"]',
    '["Region:id","440100","x"]',
    '["Facility:id","440100"]',
    '["Region:id","44\' OR 1=1"]',
    '["Region:id",1e21]',
  ])('%s is refused as BAD_USER_INPUT naming `after`', async (text) => {
    const res = await gql(`{ regions(first: 1, after: "${cursor(text)}") { totalCount } }`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ regions: null });
    expect(res.body.errors[0]).toMatchObject({
      message: `"after" is not a cursor of this list: "${cursor(text).slice(0, 100)}${cursor(text).length > 100 ? '…' : ''}". Use an endCursor (or edge cursor) from a previous page of the same list.`,
      path: ['regions'],
      extensions: { code: 'BAD_USER_INPUT', field: 'after', serviceName: 'regions' },
    });
  });

  test('a cursor the API issued still pages, from the row it names', async () => {
    const res = await gql(`{ regions(first: 1, after: "${cursor('["Region:id","440100"]')}") { nodes { id } pageInfo { startCursor } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.regions.nodes).toEqual([{ id: '440103' }]);
    expect(res.body.data.regions.pageInfo.startCursor).toBe(cursor('["Region:id","440103"]'));
  });
});

describe('cross-site requests', () => {
  test('a text/plain POST and a header-less GET are refused on /graphql and /export alike', async () => {
    for (const path of ['/graphql', '/export']) {
      const plain = await send(path, JSON.stringify({ query: '{ region(id: "440100") { name } }' }), { 'content-type': 'text/plain' });
      expect(plain.status).toBe(400);
      expect(codeOf(plain)).toBe('CSRF_PREVENTED');
      expect(plain.body.errors[0].message).toMatch(/^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/);
      const get = await fetch(`${origin()}${path}?query=${encodeURIComponent('{ region(id: "440100") { name } }')}`);
      expect(get.status).toBe(400);
      expect(((await get.json()) as any).errors[0].extensions.code).toBe('CSRF_PREVENTED');
    }
  });
});

describe('/export applies the same limits', () => {
  test.each([
    ['cost', '{ region(id:"440000") { children { parent { children { parent { children { name } } } } } } }', 400, 'COST_LIMIT_EXCEEDED'],
    ['depth', `{ region(id: "440115") { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } }`, 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['aliases', aliases(16, 'region(id: "440100") { name }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['tokens', aliases(1000, 'search(text:"a", first:50) { score }'), 400, 'GRAPHQL_PARSE_FAILED'],
    ['mutations', 'mutation { anything }', 400, 'GRAPHQL_VALIDATION_FAILED'],
  ])('%s', async (_limit, query, status, code) => {
    const res = await exportJson(query);
    expect(res.status).toBe(status);
    expect(codeOf(res)).toBe(code);
  });

  test('a batched body is refused', async () => {
    const res = await send('/export', [{ query: '{ __typename }' }]);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('BATCHING_NOT_SUPPORTED');
  });
});

describe('subgraphs reached directly', () => {
  const subgraphUrl = (name: 'regions' | 'facilities') => stack.subgraphs[name].url;
  test('an `_entities` request over MAX_ENTITY_REPRESENTATIONS is refused', async () => {
    const representations = Array.from({ length: 20_000 }, () => ({ __typename: 'Region', id: '440100' }));
    const res = await send(
      '',
      {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { facilities(first: 1) { totalCount } } } }',
        variables: { r: representations },
      },
      {},
      subgraphUrl('facilities'),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({
      message:
        'The request asks for 20000 entity representations; this subgraph resolves at most 1000 per request. Split it. (MAX_ENTITY_REPRESENTATIONS)',
      extensions: { code: 'BAD_REQUEST', limit: 'MAX_ENTITY_REPRESENTATIONS' },
    });
  });

  test('a subgraph applies the parser and operation limits (with room for the gateway’s own additions)', async () => {
    const deep = await send(
      '',
      { query: `{ region(id: "440115") { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } }` },
      {},
      subgraphUrl('regions'),
    );
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].message).toBe(
      'Query depth limit of 13 exceeded, found 16. Split it into several queries. (MAX_QUERY_DEPTH)',
    );
    const flood = await send('', { query: aliases(31, 'region(id: "440100") { name }') }, {}, subgraphUrl('regions'));
    expect(flood.status).toBe(400);
    expect(flood.body.errors[0].message).toBe(
      'Aliases limit of 30 exceeded, found 31. Ask for fewer aliased fields per request. (MAX_ALIASES)',
    );
    const big = await send('', { query: '{ __typename }', padding: 'x'.repeat(2_000_000) }, {}, subgraphUrl('regions'));
    expect(big.status).toBe(413);
    const mutation = await send('', { query: 'mutation { anything }' }, {}, subgraphUrl('regions'));
    expect(mutation.status).toBe(400);
    expect(mutation.body.errors[0].message).toBe('This graph is read-only and has no mutations. Send a query instead.');
  });
});

/** A value nested `levels` objects deep. */
const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};
const TOO_DEEP = (part: string) =>
  `${part} nests deeper than 128 levels of arrays and objects. Send flatter values; no input of this graph needs more. (MAX_JSON_DEPTH)`;

describe('request shape', () => {
  test.each([3000, 1000, 129])(
    'variables and extensions nested %i levels (undeclared) are a 400 naming the bound, on /graphql and /export',
    async (levels) => {
      for (const path of ['/graphql', '/export?format=json']) {
        for (const part of ['variables', 'extensions']) {
          const res = await send(path, { query: '{ region(id: "440100") { name } }', [part]: { deep: nested(levels) } });
          expect({ path, part, status: res.status, body: res.body }).toEqual({
            path,
            part,
            status: 400,
            body: { errors: [{ message: TOO_DEEP('The request body'), extensions: { code: 'BAD_REQUEST' } }] },
          });
        }
      }
    },
  );

  test('nesting within the bound is answered; a GET’s variables are measured too (200 levels: 3,000 would not fit in a URL)', async () => {
    const within = await gql('{ region(id: "440100") { name } }', { variables: { deep: nested(100) } });
    expect(within.status).toBe(200);
    expect(within.body.data).toEqual({ region: { name: '广州市' } });
    const query = encodeURIComponent('{ region(id: "440100") { name } }');
    const get = await fetch(`${origin()}/graphql?query=${query}&variables=${encodeURIComponent(JSON.stringify({ deep: nested(200) }))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(400);
    expect(await get.json()).toEqual({ errors: [{ message: TOO_DEEP('"variables"'), extensions: { code: 'BAD_REQUEST' } }] });
  });

  const HEADERS_TOO_LARGE = {
    errors: [
      {
        message: "The request's headers exceed 16384 bytes. Send fewer or shorter headers. (MAX_HEADER_BYTES)",
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  };
  test.each([20_000, 60_000])('a %i-byte header is a 431 with a GraphQL-shaped body, not an empty answer or a reset', async (bytes) => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(stack.gateway.port, '127.0.0.1', () =>
        socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(bytes)}\r\nContent-Length: 2\r\n\r\n{}`),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual(HEADERS_TOO_LARGE);
    const res = await fetch(stack.gateway.url, { headers: { 'x-padding': 'a'.repeat(bytes) } });
    expect(res.status).toBe(431);
    expect(await res.json()).toEqual(HEADERS_TOO_LARGE);
  });

  test('HEAD is answered on every route without doing the work; the bulk export’s headers come at once', async () => {
    const heads: [string, number, string | null][] = [];
    for (const path of ['/_health', '/_readiness', '/metrics', '/', '/graphql', '/export', '/export/bulk?type=Region', '/nothing-here']) {
      const started = Date.now();
      const res = await fetch(`${origin()}${path}`, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
      expect({ path, body: await res.text() }).toEqual({ path, body: '' });
      heads.push([path, res.status, res.headers.get('allow') ?? res.headers.get('content-disposition')]);
      // A bulk export of every region took 6 s for a HEAD: it read the family to compute an ETag.
      expect({ path, fast: Date.now() - started < 2000 }).toEqual({ path, fast: true });
    }
    expect(heads).toEqual([
      ['/_health', 200, null],
      ['/_readiness', 200, null],
      ['/metrics', 200, null],
      ['/', 200, null],
      ['/graphql', 405, 'GET, POST'],
      ['/export', 405, 'GET, POST'],
      ['/export/bulk?type=Region', 200, 'attachment; filename="regions.csv"'],
      ['/nothing-here', 404, null],
    ]);
  });

  test('a path nothing serves, and an explorer asset that does not exist, are 404 NOT_FOUND with a GraphQL-shaped body', async () => {
    for (const path of ['/nothing-here', '/explorer-assets/nothing.js']) {
      const res = await fetch(`${origin()}${path}`);
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 404,
        body: { errors: [{ message: `Nothing at ${path}. The GraphQL endpoint is /graphql.`, extensions: { code: 'NOT_FOUND' } }] },
      });
    }
  });
});

describe('edges', () => {
  const bulk = (query: string, headers: Record<string, string> = {}) => fetch(`${origin()}/export/bulk?${query}`, { headers });
  const feed = (query: string) => fetch(`${stack.subgraphs.facilities.url.replace(/\/graphql$/, '/_changes')}?${query}`);
  const refusal = (parameter: string, message: string) => ({
    status: 400,
    body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', parameter } }] },
  });

  test.each([
    ['since=2025-02-30', 'since', '"since" must be an ISO 8601 date or time such as 2026-12-01 or 2026-12-01T08:00:00Z; got "2025-02-30".'],
    [
      'since=2025-02-28T24:00:00Z',
      'since',
      '"since" must be an ISO 8601 date or time such as 2026-12-01 or 2026-12-01T08:00:00Z; got "2025-02-28T24:00:00Z".',
    ],
    ['since=2025-01-01&since=2026-01-01', 'since', 'Give "since" once; got 2 values.'],
  ])('the bulk export refuses %s as BAD_USER_INPUT naming the parameter', async (query, parameter, message) => {
    const res = await bulk(`type=Region&${query}`);
    expect({ status: res.status, body: await res.json() }).toEqual(refusal(parameter, message));
  });

  test.each([
    ['after=0x10', 'after', '"after" must be a sequence number in decimal digits, from 0 to 9007199254740991; got "0x10".'],
    ['after=1e1', 'after', '"after" must be a sequence number in decimal digits, from 0 to 9007199254740991; got "1e1".'],
    ['after=-1', 'after', '"after" must be a sequence number in decimal digits, from 0 to 9007199254740991; got "-1".'],
    ['after=1&after=2', 'after', 'Give "after" once; got 2 values.'],
    ['limit=0x10', 'limit', '"limit" must be a batch size in decimal digits, from 1 to 500; got "0x10".'],
    ['limit=10&limit=20', 'limit', 'Give "limit" once; got 2 values.'],
  ])('a subgraph’s change feed refuses %s as BAD_USER_INPUT naming the parameter', async (query, parameter, message) => {
    const res = await feed(query);
    expect({ status: res.status, body: await res.json() }).toEqual(refusal(parameter, message));
  });

  test('the change feed still pages by a decimal position', async () => {
    const res = await feed('after=16&limit=2');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { changes: { seq: number }[] }).changes.map((c) => c.seq)).toEqual([17, 18]);
  });

  test('the graph’s change feed refuses a date that is none and a cursor for sequence -1', async () => {
    const since = await gql('{ changes(since: "2025-02-30") { totalCount } }');
    expect(since.status).toBe(200);
    expect(since.body.data).toEqual({ changes: null });
    expect(since.body.errors[0]).toMatchObject({
      message: '"since" must be an ISO 8601 date or time such as "2026-12-01" or "2026-12-01T08:00:00Z"; got "2025-02-30".',
      extensions: { code: 'BAD_USER_INPUT', field: 'since' },
    });
    const cursor = Buffer.from('["Change:seq",-1]').toString('base64url');
    const after = await gql(`{ changes(first: 1, after: "${cursor}") { totalCount } }`);
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ changes: null });
    expect(after.body.errors[0]).toMatchObject({
      message: `"after" is not a cursor of this list: "${cursor}". Use an endCursor (or edge cursor) from a previous page of the same list.`,
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });

  test('a token restricted to registered documents cannot use the bulk export', async () => {
    const token = await stack.keys.token({ trustedDocumentsOnly: true });
    const res = await bulk('type=Region', { authorization: `Bearer ${token}` });
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 403,
      body: {
        errors: [
          {
            message:
              'This token runs only registered (trusted) documents, and the bulk export runs queries of its own. Use a token without "trusted_documents_only" for /export/bulk, or page through the lists with a registered document.',
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      },
    });
  });

  test('a token that expires in the year 9999 is refused as UNAUTHENTICATED', async () => {
    const token = await stack.keys.token({ expires: 253402300799 });
    const refused = await send('/graphql', { query: '{ region(id: "440100") { name } }' }, { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.body.errors[0].message).toMatch(
      /^The token is valid for [\d,.]+ days \(from "iat", or from now without one, to "exp"\); this server accepts tokens valid for at most 30d \(JWT_MAX_LIFETIME\)\./,
    );
  });

  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', 'trusted-documents.json'), 'utf8')) as Record<string, string>;
  const districts = Object.keys(manifest).find((id) => manifest[id].startsWith('query GuangzhouDistricts'))!;

  test('a GET by documentId meets the same CSRF prevention as a GET with query=, on /graphql and /export', async () => {
    const byPost = await send('/graphql', { documentId: `sha256:${districts}` });
    expect(byPost.status).toBe(200);
    for (const path of ['/graphql', '/export']) {
      const url = `${origin()}${path}?documentId=sha256:${districts}${path === '/export' ? '&format=json' : ''}`;
      const bare = await fetch(url);
      expect(bare.status).toBe(400);
      const refused = (await bare.json()) as any;
      expect(refused.errors[0].extensions.code).toBe('CSRF_PREVENTED');
      expect(refused.errors[0].message).toMatch(/^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/);
      const preflighted = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
      expect(preflighted.status).toBe(200);
      if (path === '/graphql') expect(((await preflighted.json()) as any).data).toEqual(byPost.body.data);
      else expect(((await preflighted.json()) as unknown[]).length).toBeGreaterThan(0);
    }
  });

  test('a 900 KB documentId is a 404 with a short message', async () => {
    const res = await send('/graphql', { documentId: 'f'.repeat(900_000) });
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(res.body.errors[0].message).toBe(
      `No registered document has the id "${'f'.repeat(71)}…" (an id is the sha256 of the document: 64 hex digits, optionally prefixed "sha256:"). Send the full query, or use an id from a trusted-documents manifest this gateway registers (TRUSTED_DOCUMENTS).`,
    );
  });

  /** Starts a bulk export from a loopback address of its own; resolves with the status once its headers come. */
  function exportFrom(localAddress: string, query: string): { req: ClientRequest; answer: Promise<{ status: number; body: string }> } {
    let req!: ClientRequest;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req = request(`${origin()}/export/bulk?${query}`, { localAddress }, (res) => {
        if (res.statusCode === 200) {
          res.resume();
          return resolve({ status: 200, body: '' });
        }
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    answer.catch(() => undefined); // an export aborted on purpose
    return { req, answer };
  }

  test('anonymous bulk exports run one per client address and four in all; past that, 429 RATE_LIMITED with Retry-After', async () => {
    // Four anonymous exports of every region, from four addresses: each holds its slot while it reads.
    const running = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'].map((address) => exportFrom(address, 'type=Region'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sameAddress = await exportFrom('127.0.0.2', 'type=Project&regionId=440115').answer;
    const fifth = await exportFrom('127.0.0.6', 'type=Project&regionId=440115').answer;
    const refused = (message: string) => ({
      status: 429,
      body: {
        errors: [
          {
            message: `${message} Retry after 10 s, or send an agency token. (ANONYMOUS_EXPORTS)`,
            extensions: { code: 'RATE_LIMITED', retryAfter: 10 },
          },
        ],
      },
    });
    expect({ status: sameAddress.status, body: JSON.parse(sameAddress.body) }).toEqual(
      refused('1 bulk export at a time runs for anonymous requests from 127.0.0.2, and one is running.'),
    );
    expect({ status: fifth.status, body: JSON.parse(fifth.body) }).toEqual(
      refused('4 bulk exports at a time run for anonymous callers, and that many are running.'),
    );
    // An agency is not held to it.
    const agency = await bulk('type=Project&regionId=440115', { authorization: `Bearer ${await stack.keys.token()}` });
    expect(agency.status).toBe(200);
    await agency.text();
    // A client that leaves gives its slot back at once.
    for (const { req } of running) req.destroy();
    let again = { status: 0, body: '' };
    for (let i = 0; i < 20 && again.status !== 200; i++) {
      again = await exportFrom('127.0.0.2', 'type=Project&regionId=440115').answer;
      if (again.status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(again.status).toBe(200);
  });
});
