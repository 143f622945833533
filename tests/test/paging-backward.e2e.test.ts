import { startStack, type Stack } from './stack';

/**
 * Connections page backwards (`last`/`before`) as Relay's do, in SQL by keyset: walking a list
 * from its end to its start gives the same rows as walking it forwards, whichever list it is (a
 * root list, a list under a parent, the change feed), and the cursors of either direction serve
 * the other.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack(undefined, { rateLimits: { agencyPerMinute: 600, anonymousPerMinute: 1200 } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }';
/** Each list, as a query taking the page arguments and a path to its connection. */
const LISTS: Record<string, { query: string; at: (data: any) => Page }> = {
  'Region.projects': {
    query: `query($first: Int, $after: String, $last: Int, $before: String) { region(id: "440100") { projects(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } } }`,
    at: (d) => d.region.projects,
  },
  'Query.facilities': {
    query: `query($first: Int, $after: String, $last: Int, $before: String) { facilities(filter: { regionId: "440100" }, first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }`,
    at: (d) => d.facilities,
  },
  'Query.changes': {
    query: `query($first: Int, $after: String, $last: Int, $before: String) { changes(types: ["Designation"], first: $first, after: $after, last: $last, before: $before) { ${PAGE} nodes { id } } }`,
    at: (d) => d.changes,
  },
};

async function pageOf(list: string, args: Record<string, unknown>): Promise<Page> {
  const res = await gql(LISTS[list].query, args);
  expect(res.errors).toBeUndefined();
  return LISTS[list].at(res.data);
}

const ids = (page: Page) => page.edges.map((e) => e.node.id);

/** The change feed holds the seed load once the search subgraph has followed the owners. */
async function feedFollowed() {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const res = await gql('{ changes(types: ["Designation"], first: 1) { totalCount } }');
    if (res.data?.changes.totalCount === 98) return;
  }
  throw new Error('the seed load did not reach the change feed');
}

describe.each(Object.keys(LISTS))('%s', (list) => {
  test('walked backwards from its end, 7 at a time, it is the list walked forwards', async () => {
    if (list === 'Query.changes') await feedFollowed();
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await pageOf(list, { first: 100, after });
      forward.push(...ids(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward.length).toBeGreaterThan(14);

    const backward: string[][] = [];
    let before: string | null = null;
    let previous = true;
    while (previous) {
      const page = await pageOf(list, { last: 7, before });
      expect(page.totalCount).toBe(forward.length);
      // The page's rows in list order, ending just before the cursor.
      expect(ids(page)).toEqual(
        forward.slice(Math.max(0, forward.length - 7 * (backward.length + 1)), forward.length - 7 * backward.length),
      );
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      backward.unshift(ids(page));
      previous = page.pageInfo.hasPreviousPage;
      before = page.pageInfo.startCursor;
    }
    expect(backward.flat()).toEqual(forward);
    expect(backward[0]).toHaveLength(forward.length % 7 || 7);
  }, 60_000);

  test('a forward cursor serves as `before` and a backward one as `after`', async () => {
    if (list === 'Query.changes') await feedFollowed();
    const first = await pageOf(list, { first: 10 });
    const back = await pageOf(list, { last: 3, before: first.edges[6].cursor });
    expect(ids(back)).toEqual(ids(first).slice(3, 6));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const on = await pageOf(list, { first: 3, after: back.pageInfo.endCursor });
    expect(ids(on)).toEqual(ids(first).slice(6, 9));
    // At the start, nothing precedes.
    const start = await pageOf(list, { last: 5, before: first.edges[2].cursor });
    expect(ids(start)).toEqual(ids(first).slice(0, 2));
    expect(start.pageInfo.hasPreviousPage).toBe(false);
  });
});

test('hostile backward page arguments are a BAD_USER_INPUT naming the argument, and the answer says what to do', async () => {
  const refused = async (args: Record<string, unknown>) => {
    const res = await gql(LISTS['Region.projects'].query, args);
    expect(res.errors).toHaveLength(1);
    return [res.errors![0].extensions.code, res.errors![0].message];
  };
  const cursor = (await pageOf('Region.projects', { first: 1 })).pageInfo.endCursor;
  expect(await refused({ last: 0 })).toEqual([
    'BAD_USER_INPUT',
    '"last" must be between 1 and 100; got 0. Page further back with "before".',
  ]);
  expect(await refused({ last: 101 })).toEqual([
    'BAD_USER_INPUT',
    '"last" must be between 1 and 100; got 101. Page further back with "before".',
  ]);
  expect(await refused({ first: 5, last: 5 })).toEqual([
    'BAD_USER_INPUT',
    '"first" pages forwards and "last" backwards: pass "first"/"after" or "last"/"before", not both.',
  ]);
  expect(await refused({ after: cursor, before: cursor })).toEqual([
    'BAD_USER_INPUT',
    '"after" pages forwards and "before" backwards: pass "first"/"after" or "last"/"before", not both.',
  ]);
  expect(await refused({ last: 2, before: 'not-a-cursor' })).toEqual([
    'BAD_USER_INPUT',
    '"before" is not a cursor of this list: "not-a-cursor". Use a startCursor (or edge cursor) from a previous page of the same list.',
  ]);
  // A cursor of another list's order is refused as `before` too.
  const other = (await pageOf('Query.changes', { first: 1 })).pageInfo.endCursor;
  expect((await refused({ last: 2, before: other }))[0]).toBe('BAD_USER_INPUT');
});
