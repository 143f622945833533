import { postGraphQL } from '@hsg/core';
import { requestStatements, startStack, type Stack } from './stack';

/**
 * A list filtered by `search` comes best match first, as `search` ranks: a name (or its pinyin)
 * that is the text, then one that starts with it, then one that only holds it, then for regions
 * the higher tier (LEVEL_WEIGHT), then the id. Keyset cursors carry the computed keys, so paging
 * either way gives the one big page's order. Exact values from the seeds, on each engine.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

type Page = { totalCount: number; nodes: { id: string; name: string }[]; pageInfo: { startCursor: string; endCursor: string } };

async function list(field: string, search: string, page: Record<string, unknown>): Promise<Page> {
  const res = await postGraphQL(
    stack.gateway.url,
    `query($s: String!, $first: Int, $after: String, $last: Int, $before: String) {
      list: ${field}(filter: { search: $s }, first: $first, after: $after, last: $last, before: $before) {
        totalCount nodes { id name } pageInfo { startCursor endCursor } } }`,
    { s: search, ...page },
  );
  expect(res.errors).toBeUndefined();
  return res.data.list;
}
const named = (page: Page) => page.nodes.map((n) => `${n.id} ${n.name}`);

test('regions(filter: { search: "guangz" }) gives the city and the areas named for it, then the counties, then the townships', async () => {
  const page = await list('regions', 'guangz', { first: 8 });
  // All eight start with guangz in pinyin: the prefecture first, then by tier (an area ranks with
  // a prefecture), then by id.
  expect(named(page)).toEqual([
    '440100 广州市',
    'guangzhou-central-urban-area 广州中心城区',
    'guangzhou-international-bio-island 广州国际生物岛',
    'guangzhou-science-city 广州科学城',
    '130531 广宗县',
    '350723 光泽县',
    '130531100 广宗镇',
    '210213031 光中街道',
  ]);
  expect(page.totalCount).toBe(46);
});

test('an exact name comes before a prefix, a prefix before a name that holds the text', async () => {
  // 南沙区, and the townships whose short name is 南沙, are the text; 南沙群岛 and the rest start with it.
  expect(named(await list('regions', '南沙', { first: 10 }))).toEqual([
    '440115 南沙区',
    '440115001 南沙街道',
    '532528101 南沙镇',
    '460322 南沙群岛',
    '210204009 南沙河口街道',
    '370481102 南沙河镇',
  ]);
  // Another list: the facility named for the district starts with 南沙; the others only hold it, by id.
  expect(named(await list('facilities', '南沙', { first: 3 }))).toEqual([
    'nansha-blood-station 南沙区血站',
    'gd-provincial-tcm-hospital-nansha 广东省中医院南沙医院',
    'gmu-cancer-hospital-nansha 广州医科大学附属肿瘤医院（南沙院区）',
  ]);
});

test('paging 3 at a time, forwards and backwards, gives the one big page', async () => {
  for (const [field, search, total] of [
    ['regions', 'nansha', 35],
    ['regions', '广州', 8],
    ['facilities', '医院', 77],
  ] as const) {
    const whole = await list(field, search, { first: 100 });
    expect([field, search, whole.totalCount, whole.nodes.length]).toEqual([field, search, total, total]);
    const forwards: string[] = [];
    for (let after: string | null = null; ;) {
      const page: Page = await list(field, search, { first: 3, after });
      forwards.push(...page.nodes.map((n) => n.id));
      if (page.nodes.length < 3 || forwards.length === total) break;
      after = page.pageInfo.endCursor;
    }
    const backwards: string[] = [];
    for (let before: string | null = null; ;) {
      const page: Page = await list(field, search, { last: 3, before });
      backwards.unshift(...page.nodes.map((n) => n.id));
      if (page.nodes.length < 3 || backwards.length === total) break;
      before = page.pageInfo.startCursor;
    }
    const ids = whole.nodes.map((n) => n.id);
    expect({ field, search, forwards }).toEqual({ field, search, forwards: ids });
    expect({ field, search, backwards }).toEqual({ field, search, backwards: ids });
  }
});

test('a cursor of the id order is refused by the relevance order, and the other way round', async () => {
  const byId = await postGraphQL(stack.gateway.url, '{ regions(filter: { level: PREFECTURE }, first: 1) { pageInfo { endCursor } } }');
  const relevant = await list('regions', 'guangz', { first: 1 });
  const refused = async (filter: string, after: string) => {
    const res = await postGraphQL(
      stack.gateway.url,
      `query($a: String) { regions(filter: ${filter}, first: 2, after: $a) { totalCount } }`,
      {
        a: after,
      },
    );
    return res.errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
  };
  expect(await refused('{ search: "guangz" }', byId.data.regions.pageInfo.endCursor)).toEqual([['BAD_USER_INPUT', 'after']]);
  expect(await refused('{ level: PREFECTURE }', relevant.pageInfo.endCursor)).toEqual([['BAD_USER_INPUT', 'after']]);
});

test('a relevance page is still one statement: the page, its rows and the count', async () => {
  const regions = stack.subgraphs.regions;
  for (const search of ['guangz', '广', 'gz']) {
    regions.counter.reset();
    const page = await list('regions', search, { first: 5 });
    expect(page.nodes.length).toBe(5);
    expect([search, requestStatements(regions).length]).toEqual([search, 1]);
  }
});
