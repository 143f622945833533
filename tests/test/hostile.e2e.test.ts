import { connect } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { startStack, type Stack } from './stack';

/**
 * What an attacker (or a careless client) sends, family by family: each request gets the exact
 * status and `extensions.code` it must, and the stack still answers `/_health` promptly after it.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
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

/** After every hostile request the gateway still answers its health check at once. */
afterEach(async () => {
  const started = Date.now();
  const res = await fetch(`${origin()}/_health`, { signal: AbortSignal.timeout(1000) });
  expect(res.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(1000);
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
    expect(res.body.extensions.cost.estimated).toBeLessThan(res.body.extensions.cost.limit / 2);
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
    expect(batch.body.errors[0]).toMatchObject({ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } });
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
    ['subscription', 'subscription { anything }', 'This graph is read-only and has no subscriptions. Send a query instead.'],
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
      expect(codeOf(plain)).toBe('BAD_REQUEST');
      expect(plain.body.errors[0].message).toMatch(/^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/);
      const get = await fetch(`${origin()}${path}?query=${encodeURIComponent('{ region(id: "440100") { name } }')}`);
      expect(get.status).toBe(400);
      expect(((await get.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
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
    expect(codeOf(res)).toBe('BAD_REQUEST');
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
