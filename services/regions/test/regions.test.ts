import { postGraphQL, REPO_ROOT, startSubgraph, type RunningSubgraph, scratchDatabase, type ScratchDatabase } from '@hsg/common';
import path from 'node:path';
import { subgraph } from '../src/server';

let server: RunningSubgraph;

beforeAll(async () => {
  scratch = await scratchDatabase();
  server = await startSubgraph(subgraph, {
    dataDir: ':memory:',
    databaseUrl: scratch.databaseUrl,
    seedsDir: path.join(REPO_ROOT, 'seeds'),
    port: 0,
  });
});
let scratch: ScratchDatabase | undefined;
afterAll(async () => {
  await server?.stop();
  await scratch?.drop();
});

const q = (query: string, variables?: Record<string, unknown>) => postGraphQL(server.url, query, variables);

test('region(id) returns Guangzhou with its hierarchy', async () => {
  const res = await q(`{ region(id: "440115") { id name shortName nameEn level kind
    parent { id name } ancestors { id } citations { lines quote source { id } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.region).toMatchObject({
    id: '440115',
    name: '南沙区',
    level: 'COUNTY',
    kind: 'DISTRICT',
    parent: { id: '440100', name: '广州市' },
  });
  expect(res.data.region.ancestors.map((r: { id: string }) => r.id)).toEqual(['440100', '440000']);
  expect(res.data.region.citations.length).toBeGreaterThan(0);
});

test('Guangzhou has 11 districts, Guangdong 21 prefecture-level cities', async () => {
  const res = await q(`{ gz: region(id: "440100") { children { id } }
    gd: region(id: "440000") { descendants(level: PREFECTURE, first: 100) { totalCount nodes { id } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.gz.children).toHaveLength(11);
  expect(res.data.gd.descendants.totalCount).toBe(21);
});

test('regions(filter) searches Chinese names, aliases and English names', async () => {
  const res = await q(`{ a: regions(filter: { search: "南沙" }) { nodes { id } }
    b: regions(filter: { search: "nansha" }) { nodes { id } }
    c: regions(filter: { search: "穗" }) { nodes { id } }
    d: regions(filter: { level: PROVINCE }, first: 100) { totalCount } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.a.nodes.map((n: { id: string }) => n.id)).toContain('440115');
  expect(res.data.b.nodes.map((n: { id: string }) => n.id)).toContain('440115');
  expect(res.data.c.nodes.map((n: { id: string }) => n.id)).toEqual(['440100']);
  expect(res.data.d.totalCount).toBe(12);
});

test('an area lists its member divisions', async () => {
  const res = await q(`{ region(id: "greater-bay-area") { level adminCode members { id } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.region.level).toBe('AREA');
  expect(res.data.region.adminCode).toBeNull();
  expect(res.data.region.members.map((m: { id: string }) => m.id)).toEqual(
    expect.arrayContaining(['440100', '440300', '810000', '820000']),
  );
});

test('unknown ids and bad paging give actionable errors', async () => {
  const res = await q(`{ region(id: "999999") { id } }`);
  expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect(res.errors?.[0].message).toContain('999999');
  const page = await q(`{ regions(first: 1000) { totalCount } }`);
  expect(page.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const cursor = await q(`{ regions(after: "nonsense") { totalCount } }`);
  expect(cursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('listing the children of N regions costs the same statements for N = 1 and N = 20', async () => {
  const all = await q(`{ regions(first: 20, filter: { level: PREFECTURE }) { nodes { id } } }`);
  expect(all.data.regions.nodes).toHaveLength(20);
  const cost = async (first: number) => {
    server.counter.reset();
    const res = await q(
      `{ regions(first: ${first}, filter: { level: PREFECTURE }) { nodes { id parent { id } children { id } ancestors { id } } } }`,
    );
    expect(res.errors).toBeUndefined();
    return server.counter.count;
  };
  const one = await cost(1);
  const twenty = await cost(20);
  expect(twenty).toBe(one);
});
