import { postGraphQL } from '@hsg/core';

import { requestStatements, startStack, type Stack } from './stack';

/**
 * Aggregates beside every root list (`<list>Aggregate`) and composed filters (`and`/`or`/`not`,
 * text and list predicates, null checks, year ranges), through the gateway over the real seeds:
 * the questions researchers used to count by hand, each one query with exact values, one SQL
 * statement per list, priced by the cost model, exported as CSV, and their hostile inputs refused.
 */
let stack: Stack;
// A loaded machine starts the five subgraphs and the gateway in minutes, not seconds.
beforeAll(async () => {
  stack = await startStack();
}, 600_000);
afterAll(() => stack?.stop());

async function data(query: string) {
  const res = await postGraphQL(stack.gateway.url, query);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function refusal(query: string) {
  const res = await postGraphQL(stack.gateway.url, query);
  return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message };
}

type Group = { key: Record<string, any>; count: number };

const GUANGZHOU_DISTRICTS = `{
  projectsAggregate(filter: { regionId: "440100" }, groupBy: [REGION_DISTRICT]) {
    count
    groups { key { regionDistrict { id name } } count }
    moreGroups
  }
}`;

describe('aggregates', () => {
  test("Guangzhou's projects per district: 305 in all, 258 recorded against the city itself", async () => {
    const { projectsAggregate } = await data(GUANGZHOU_DISTRICTS);
    expect(projectsAggregate.count).toBe(305);
    expect(projectsAggregate.moreGroups).toBe(false);
    expect(projectsAggregate.groups.map((g: Group) => [g.key.regionDistrict?.id ?? null, g.count])).toEqual([
      [null, 258],
      ['440111', 10],
      ['440115', 7],
      ['440103', 5],
      ['440118', 5],
      ['440114', 4],
      ['440104', 3],
      ['440105', 3],
      ['440112', 3],
      ['440113', 3],
      ['440106', 2],
      ['440117', 2],
    ]);
    // Region keys are regions: their names come through the gateway.
    expect(projectsAggregate.groups[1].key.regionDistrict.name).toBe('白云区');
    expect(projectsAggregate.groups[2].key.regionDistrict.name).toBe('南沙区');
  });

  test("each district's count is the count of the list filtered to that district", async () => {
    const { projectsAggregate } = await data(GUANGZHOU_DISTRICTS);
    const districts = projectsAggregate.groups.filter((g: Group) => g.key.regionDistrict);
    const lists = await data(
      `{ ${districts.map((g: Group) => `d${g.key.regionDistrict.id}: projects(filter: { regionId: "${g.key.regionDistrict.id}" }) { totalCount }`).join(' ')} }`,
    );
    for (const g of districts) expect(lists[`d${g.key.regionDistrict.id}`].totalCount).toBe(g.count);
  });

  test("Guangzhou's projects per district by status, largest first, nulls last among equals", async () => {
    const { projectsAggregate } = await data(`{
      projectsAggregate(filter: { regionId: "440100" }, groupBy: [REGION_DISTRICT, STATUS]) { count groups { key { regionDistrict { id } status } count } }
    }`);
    expect(projectsAggregate.groups.map((g: Group) => `${g.key.regionDistrict?.id ?? '-'} ${g.key.status} ${g.count}`)).toEqual([
      '- PLANNED 222',
      '- UNDER_CONSTRUCTION 14',
      '- IN_OPERATION 13',
      '440111 PLANNED 9',
      '- COMPLETED 7',
      '440115 PLANNED 6',
      '440103 PLANNED 5',
      '440118 PLANNED 5',
      '440114 PLANNED 4',
      '440104 PLANNED 3',
      '440105 PLANNED 3',
      '440113 PLANNED 3',
      '440106 PLANNED 2',
      '440112 PLANNED 2',
      '440111 IN_OPERATION 1',
      '440112 IN_OPERATION 1',
      '440117 PLANNED 1',
      '440117 STARTED 1',
      '440115 STRUCTURE_COMPLETED 1',
      '- STARTED 1',
      '- STRUCTURE_COMPLETED 1',
    ]);
    expect(projectsAggregate.groups.reduce((n: number, g: Group) => n + g.count, 0)).toBe(305);
  });

  test('the organization seen with two heads on one date, and the people with more than one post', async () => {
    const { heads, people } = await data(`{
      heads: postsAggregate(filter: { isHead: true }, groupBy: [ORGANIZATION, YEAR], minCount: 2) { count groups { key { organizationId year } count } }
      people: postsAggregate(groupBy: [PERSON], minCount: 2) { count groups { key { personId } count } }
    }`);
    // Guizhou 2024: 杨慧 党组书记 and 孙发 主任; Guangdong 2025 is 刘利群 seen twice (2025-01-22 and 2025-03-03).
    expect(heads).toEqual({
      count: 22,
      groups: [
        { key: { organizationId: 'gd-health-commission', year: 2025 }, count: 2 },
        { key: { organizationId: 'guizhou-health-commission', year: 2024 }, count: 2 },
      ],
    });
    expect(people.count).toBe(30);
    expect(people.groups.map((g: Group) => [g.key.personId, g.count])).toEqual([
      ['xi-jinping', 4],
      ['liu-jianqing', 2],
      ['liu-liqun', 2],
      ['song-tie', 2],
    ]);
  });

  test('sum, min, max and mean of observation values, in total and per group', async () => {
    const { observationsAggregate } = await data(`{
      observationsAggregate(filter: { indicatorId: "life-expectancy" }, groupBy: [REGION_CITY]) {
        count sum { value } min { value } max { value } avg { value }
        groups { key { regionCity { id } } count avg { value } }
      }
    }`);
    expect(observationsAggregate.count).toBe(2);
    expect(observationsAggregate.sum.value).toBeCloseTo(164.6);
    expect(observationsAggregate.min.value).toBe(81.7);
    expect(observationsAggregate.max.value).toBe(82.9);
    expect(observationsAggregate.avg.value).toBeCloseTo(82.3);
    expect(observationsAggregate.groups).toHaveLength(1);
    expect(observationsAggregate.groups[0].key.regionCity.id).toBe('440100');
  });

  test('targets by nature (91 say neither), and first/moreGroups cut the groups', async () => {
    const { targetsAggregate, facilitiesAggregate } = await data(`{
      targetsAggregate(groupBy: [NATURE]) { count groups { key { nature } count } }
      facilitiesAggregate(groupBy: [REGION_PROVINCE, TYPE], first: 3) { count groups { key { regionProvince { id } type } count } moreGroups }
    }`);
    expect(targetsAggregate).toEqual({
      count: 139,
      groups: [
        { key: { nature: null }, count: 91 },
        { key: { nature: 'EXPECTED' }, count: 40 },
        { key: { nature: 'BINDING' }, count: 8 },
      ],
    });
    expect(facilitiesAggregate.count).toBe(131);
    expect(facilitiesAggregate.groups.map((g: Group) => [g.key.regionProvince.id, g.key.type, g.count])).toEqual([
      ['440000', 'GENERAL_HOSPITAL', 42],
      ['440000', 'TCM_HOSPITAL', 13],
      ['440000', 'OTHER', 12],
    ]);
    expect(facilitiesAggregate.moreGroups).toBe(true);
  });

  test('one SQL statement per aggregate', async () => {
    const facilities = stack.subgraphs.facilities;
    facilities.counter.reset();
    await data(
      '{ projectsAggregate(filter: { regionId: "440100", or: [{ status: [PLANNED] }, { type: [NEW_BUILD] }] }, groupBy: [REGION_DISTRICT, STATUS, YEAR]) { count } }',
    );
    expect(requestStatements(facilities)).toHaveLength(1);
  });

  test('priced by the cost model: `groups` is a list of `first`', async () => {
    const cost = async (first: number) => {
      const res = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ projectsAggregate(groupBy: [STATUS], first: ${first}) { count groups { key { status } count } } }`,
        }),
      });
      const body = (await res.json()) as { errors?: unknown; extensions: { cost: { estimated: number; actual: number } } };
      expect(body.errors).toBeUndefined();
      return body.extensions.cost;
    };
    const [narrow, wide] = [await cost(5), await cost(500)];
    expect(narrow.estimated).toBeGreaterThan(0);
    expect(narrow.estimated).toBeLessThan(100);
    // The estimate follows `first`; what ran follows the groups there are (7 statuses at most either way).
    expect(wide.estimated).toBeGreaterThan(narrow.estimated * 50);
    expect(wide.actual).toBeLessThan(100);
  });

  test('exported as CSV: one row per group, the key as columns', async () => {
    const res = await fetch(stack.gateway.url.replace(/\/graphql$/, '/export?format=csv'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: GUANGZHOU_DISTRICTS }),
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    // Columns in the order they first appear: the first group (the city itself) has no district.
    expect(lines[0]).toBe('count,key.regionDistrict.id,key.regionDistrict.name');
    expect(lines[1]).toBe('258,,');
    expect(lines[2]).toBe('10,440111,白云区');
    expect(lines.filter((l) => l !== '')).toHaveLength(13);
  });

  test.each([
    ['four keys', '{ projectsAggregate(groupBy: [STATUS, TYPE, YEAR, REGION]) { count } }', 'MAX_GROUP_BY'],
    ['a key twice', '{ projectsAggregate(groupBy: [STATUS, STATUS]) { count } }', 'names a key twice'],
    ['501 groups', '{ projectsAggregate(groupBy: [STATUS], first: 501) { count } }', 'MAX_GROUPS'],
    ['no groups', '{ projectsAggregate(groupBy: [STATUS], first: 0) { count } }', 'MAX_GROUPS'],
    ['minCount 0', '{ projectsAggregate(groupBy: [STATUS], minCount: 0) { count } }', '"minCount"'],
    ['a key the list does not have', '{ projectsAggregate(groupBy: [PERSON]) { count } }', 'PERSON'],
  ])('refused: %s', async (_name, query, words) => {
    const { code, message } = await refusal(query);
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(code);
    expect(message).toContain(words);
  });
});

describe('composed filters', () => {
  test('titles holding both 党组书记 and 主任, exactly: 11 posts', async () => {
    const { posts } = await data('{ posts(filter: { titles: { hasAll: ["党组书记", "主任"] } }, first: 50) { totalCount nodes { id } } }');
    expect(posts.nodes.map((p: { id: string }) => p.id).sort()).toEqual([
      'chen-bin-guangzhou-hc-2025',
      'chen-honghui-hubei-hc-2024',
      'du-zhenzong-guangxi-hc-2024',
      'duan-yufei-gd-hc-2021',
      'li-xiaosong-hunan-hc-2024',
      'liu-liqun-gd-hc-2025-01-22',
      'liu-liqun-gd-hc-2025-03-03',
      'luo-lexuan-shenzhen-hc-2021',
      'tang-xiaoping-guangzhou-hc-2021',
      'wu-hongyan-shenzhen-hc-2025',
      'xu-bin-sichuan-hc-2024',
    ]);
  });

  test('has 主任 is exact (14); the substring `title` also finds 副主任 (19); hasAny, or and not agree', async () => {
    const d = await data(`{
      exact: posts(filter: { titles: { has: "主任" } }) { totalCount }
      substring: posts(filter: { title: "主任" }) { totalCount }
      any: posts(filter: { titles: { hasAny: ["局长", "主任"] } }) { totalCount }
      either: posts(filter: { or: [{ titles: { has: "局长" } }, { titles: { has: "主任" } }] }) { totalCount }
      others: posts(filter: { not: { titles: { has: "主任" } } }) { totalCount }
      all: posts { totalCount }
    }`);
    expect([d.exact.totalCount, d.substring.totalCount, d.any.totalCount, d.either.totalCount]).toEqual([14, 19, 17, 17]);
    expect(d.others.totalCount).toBe(d.all.totalCount - 14);
  });

  test('or and not over projects equal the union and difference of the plain lists, still paged by keyset', async () => {
    const d = await data(`{
      composed: projects(filter: { regionId: "440100", or: [{ status: [COMPLETED] }, { type: [NEW_BUILD] }], not: { regionId: "440115" } }, first: 100) { totalCount nodes { id } pageInfo { hasNextPage } }
      completed: projects(filter: { regionId: "440100", status: [COMPLETED] }, first: 100) { totalCount nodes { id } }
      built: projects(filter: { regionId: "440100", type: [NEW_BUILD] }, first: 100) { totalCount nodes { id } }
      nansha: projects(filter: { regionId: "440115" }, first: 100) { totalCount nodes { id } }
    }`);
    for (const list of [d.completed, d.built, d.nansha]) expect(list.totalCount).toBeLessThanOrEqual(100);
    const out = new Set(d.nansha.nodes.map((n: { id: string }) => n.id));
    const expected = [...new Set([...d.completed.nodes, ...d.built.nodes].map((n: { id: string }) => n.id))]
      .filter((id) => !out.has(id))
      .sort();
    expect(d.composed.nodes.map((n: { id: string }) => n.id)).toEqual(expected);
    expect(d.composed.totalCount).toBe(expected.length);
    expect(d.composed.totalCount).toBe(45);
    const page = await data(
      '{ projects(filter: { regionId: "440100", or: [{ status: [COMPLETED] }, { type: [NEW_BUILD] }], not: { regionId: "440115" } }, first: 20) { pageInfo { endCursor } } }',
    );
    const next = await data(
      `{ projects(filter: { regionId: "440100", or: [{ status: [COMPLETED] }, { type: [NEW_BUILD] }], not: { regionId: "440115" } }, first: 20, after: "${page.projects.pageInfo.endCursor}") { nodes { id } } }`,
    );
    expect(next.projects.nodes.map((n: { id: string }) => n.id)).toEqual(expected.slice(20, 40));
  });

  test('name predicates say what they do; targets without a baseline; years as a range', async () => {
    const d = await data(`{
      exact: regions(filter: { name: { equals: "南沙区" } }) { nodes { id } }
      starts: organizations(filter: { name: { startsWith: "广州" } }) { totalCount }
      noBaseline: targets(filter: { hasBaseline: false }) { totalCount }
      withBaseline: targets(filter: { hasBaseline: true }) { totalCount }
      plan: targets(filter: { years: { from: 2021, to: 2025 } }) { totalCount }
    }`);
    expect(d.exact.nodes).toEqual([{ id: '440115' }]);
    expect(d.starts.totalCount).toBe(1);
    expect([d.noBaseline.totalCount, d.withBaseline.totalCount]).toEqual([114, 25]);
    expect(d.plan.totalCount).toBe(112);
  });

  test("projects by their status's date: 2024 holds 32, as the aggregate's YEAR says", async () => {
    const d = await data(`{
      dated: projects(filter: { statusFrom: "2024", statusTo: "2024" }) { totalCount }
      byYear: projectsAggregate(groupBy: [YEAR]) { groups { key { year } count } }
      spring: projects(filter: { statusFrom: "2024-01-01", statusTo: "2024-06" }) { totalCount }
    }`);
    expect(d.dated.totalCount).toBe(32);
    expect(d.byYear.groups).toContainEqual({ key: { year: 2024 }, count: 32 });
    expect(d.spring.totalCount).toBeLessThanOrEqual(32);
    expect(await refusal('{ projects(filter: { statusFrom: "2024-13" }) { totalCount } }')).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  test('a composed list is still one statement', async () => {
    const officials = stack.subgraphs.officials;
    officials.counter.reset();
    await data('{ posts(filter: { or: [{ titles: { has: "局长" } }, { not: { isHead: true } }] }) { totalCount nodes { id } } }');
    expect(requestStatements(officials)).toHaveLength(1);
  });

  const nested = (depth: number): string => (depth === 0 ? '{ isHead: true }' : `{ and: [${nested(depth - 1)}] }`);
  test.each([
    ['five levels of and', `{ posts(filter: ${nested(5)}) { totalCount } }`, 'MAX_FILTER_DEPTH'],
    [
      '21 filters in an or',
      `{ posts(filter: { or: [${Array(21).fill('{ isHead: true }').join(', ')}] }) { totalCount } }`,
      'MAX_FILTER_CONDITIONS',
    ],
    [
      '21 titles in hasAll',
      `{ posts(filter: { titles: { hasAll: [${Array(21).fill('"主任"').join(', ')}] } }) { totalCount } }`,
      'MAX_PREDICATE_VALUES',
    ],
    ['an empty hasAny', '{ posts(filter: { titles: { hasAny: [] } }) { totalCount } }', 'MAX_PREDICATE_VALUES'],
    ['a 101-character name', `{ regions(filter: { name: { equals: "${'区'.repeat(101)}" } }) { totalCount } }`, 'MAX_PREDICATE_TEXT'],
    ['a year range backwards', '{ targets(filter: { years: { from: 2025, to: 2021 } }) { totalCount } }', 'is after'],
    ['a five-digit year', '{ targets(filter: { years: { from: 20250 } }) { totalCount } }', 'four-digit year'],
  ])('refused: %s', async (_name, query, words) => {
    const { code, message } = await refusal(query);
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toContain(words);
  });

  test('four levels of nesting are within the bound', async () => {
    const { posts } = await data(`{ posts(filter: ${nested(4)}) { totalCount } }`);
    expect(posts.totalCount).toBe(22);
  });

  test('LIKE wildcards in a predicate are plain characters', async () => {
    const d = await data(
      '{ a: posts(filter: { titles: { has: "%" } }) { totalCount } b: organizations(filter: { name: { contains: "_" } }) { totalCount } }',
    );
    expect([d.a.totalCount, d.b.totalCount]).toEqual([0, 0]);
  });
});
