import { startStack, type Stack } from './stack';

/**
 * Relay's object identification across the subgraphs: every entity type is a Node with a
 * `globalId` unique in the graph, `node(id:)` and `nodes(ids:)` fetch any record by it, and the
 * ids agencies use stay as they are (`id`), with the documented step from one to the other.
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

/** The documented step from a record's id to its global id (docs/frontend.md). */
const globalIdOf = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

/** The node index holds every seeded record once the search subgraph has followed the owners. */
async function followed() {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const res = await gql('{ changes(types: ["Project"], first: 1) { totalCount } }');
    if (res.data?.changes.totalCount === 352) return;
  }
  throw new Error('the seed load did not reach the change feed');
}

test('a Facility and a Project that share an id have different global ids, and node(id:) fetches each as itself', async () => {
  await followed();
  const both = await gql(`{
    facility(id: "bio-island-laboratory") { id globalId name }
    project(id: "bio-island-laboratory") { id globalId name }
  }`);
  expect(both.errors).toBeUndefined();
  const { facility, project } = both.data;
  expect(facility.globalId).toBe('RmFjaWxpdHk6YmlvLWlzbGFuZC1sYWJvcmF0b3J5');
  expect(facility.globalId).toBe(globalIdOf('Facility', 'bio-island-laboratory'));
  expect(project.globalId).toBe(globalIdOf('Project', 'bio-island-laboratory'));
  const fetched = await gql(
    `query($f: ID!, $p: ID!) {
      f: node(id: $f) { __typename globalId ... on Facility { id name } }
      p: node(id: $p) { __typename globalId ... on Project { id name } }
    }`,
    { f: facility.globalId, p: project.globalId },
  );
  expect(fetched.errors).toBeUndefined();
  expect(fetched.data).toEqual({
    f: { __typename: 'Facility', globalId: facility.globalId, id: 'bio-island-laboratory', name: facility.name },
    p: { __typename: 'Project', globalId: project.globalId, id: 'bio-island-laboratory', name: project.name },
  });
});

test('no two records of the graph share a global id: all 131 facilities and 352 projects, 33 ids in both', async () => {
  const all: { type: string; id: string; globalId: string }[] = [];
  for (const [type, list] of [
    ['Facility', 'facilities'],
    ['Project', 'projects'],
  ]) {
    let after: string | null = null;
    do {
      const page: any = (
        await gql(
          `query($after: String) { ${list}(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id globalId } } }`,
          {
            after,
          },
        )
      ).data[list];
      all.push(...page.nodes.map((n: { id: string; globalId: string }) => ({ type, ...n })));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  }
  expect(all).toHaveLength(131 + 352);
  expect(new Set(all.map((r) => r.id)).size).toBe(131 + 352 - 33);
  expect(new Set(all.map((r) => r.globalId)).size).toBe(131 + 352);
  for (const r of all) expect(r.globalId).toBe(globalIdOf(r.type, r.id));
});

test('every entity type is a Node: its first record, found by nodes(ids:), in the order asked, null for an id of no record', async () => {
  await followed();
  const LISTS: [string, string][] = [
    ['Region', 'regions'],
    ['Facility', 'facilities'],
    ['Designation', 'designations'],
    ['Project', 'projects'],
    ['Indicator', 'indicators'],
    ['Observation', 'observations'],
    ['Plan', 'plans'],
    ['Target', 'targets'],
    ['Organization', 'organizations'],
    ['Person', 'people'],
    ['Post', 'posts'],
    ['Meeting', 'meetings'],
  ];
  const firsts = await gql(`{ ${LISTS.map(([, list]) => `${list}(first: 1) { nodes { __typename id globalId } }`).join(' ')} }`);
  expect(firsts.errors).toBeUndefined();
  const records = LISTS.map(([, list]) => firsts.data[list].nodes[0] as { __typename: string; id: string; globalId: string });
  records.forEach((r, i) => expect(r).toEqual({ __typename: LISTS[i][0], id: r.id, globalId: globalIdOf(LISTS[i][0], r.id) }));
  const ids = [...records.map((r) => r.globalId), globalIdOf('Facility', 'no-such-facility')].reverse();
  const fetched = await gql(
    'query($ids: [ID!]!) { nodes(ids: $ids) { __typename globalId ... on Region { id } ... on Facility { id } ... on Designation { id } ... on Project { id } ... on Indicator { id } ... on Observation { id } ... on Plan { id } ... on Target { id } ... on Organization { id } ... on Person { id } ... on Post { id } ... on Meeting { id } } }',
    { ids },
  );
  expect(fetched.errors).toBeUndefined();
  expect(fetched.data.nodes).toEqual([null, ...records.slice().reverse()]);
  // The interface is selectable on any record a subgraph returns: the search subgraph answers globalId.
  const viaInterface = await gql('{ region(id: "440100") { ... on Node { globalId } } }');
  expect(viaInterface.data).toEqual({ region: { globalId: globalIdOf('Region', '440100') } });
});

test('hostile global ids are a BAD_USER_INPUT naming the argument; a well-formed id of no record is null without an error', async () => {
  const refused = async (query: string, variables: Record<string, unknown>) => {
    const res = await gql(query, variables);
    expect(res.errors).toHaveLength(1);
    return [res.errors![0].extensions.code, res.errors![0].message];
  };
  const NODE = 'query($id: ID!) { node(id: $id) { globalId } }';
  const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { globalId } }';
  expect(await refused(NODE, { id: 'bio-island-laboratory' })).toEqual([
    'BAD_USER_INPUT',
    '"id" is not a global id of this graph: "bio-island-laboratory". Use a record\'s `globalId`.',
  ]);
  for (const id of [
    globalIdOf('Hospital', 'x'),
    globalIdOf('Facility', ''),
    'RmFjaWxpdHk6YmlvLWlzbGFuZC1sYWJvcmF0b3J5==',
    globalIdOf('Facility', 'x'.repeat(201)),
    'x'.repeat(10_000),
    'Facility:bio-island-laboratory',
  ])
    expect((await refused(NODE, { id }))[0]).toBe('BAD_USER_INPUT');
  expect(await refused(NODES, { ids: [] })).toEqual([
    'BAD_USER_INPUT',
    '"ids" must hold 1 to 100 global ids; got 0. Ask for more in several calls.',
  ]);
  expect((await refused(NODES, { ids: Array.from({ length: 101 }, (_, i) => globalIdOf('Region', String(i))) }))[0]).toBe('BAD_USER_INPUT');
  expect((await refused(NODES, { ids: [globalIdOf('Region', '440100'), 'nope'] }))[1]).toMatch(
    /^"ids\[1\]" is not a global id of this graph/,
  );
  const none = await gql(NODE, { id: globalIdOf('Meeting', 'no-such-meeting') });
  expect(none.errors).toBeUndefined();
  expect(none.data).toEqual({ node: null });
});
