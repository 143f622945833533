import { postGraphQL } from '@hsg/core';

import { startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const q = (query: string, variables?: Record<string, unknown>) => postGraphQL(stack.gateway.url, query, variables);

export const HEADLINE = `{
  region(id: "440100") {
    name
    projects(filter: { designationKinds: [NATIONAL_MEDICAL_CENTER, NATIONAL_REGIONAL_MEDICAL_CENTER] }, first: 100) {
      totalCount
      nodes { id name status facility { name designations { kind name } } }
    }
  }
}`;

test('headline: every Guangzhou hospital project tied to a national medical centre, in one request', async () => {
  const res = await q(HEADLINE);
  expect(res.errors).toBeUndefined();
  const { name, projects } = res.data.region;
  expect(name).toBe('广州市');
  expect(projects.totalCount).toBe(projects.nodes.length);
  expect(projects.totalCount).toBe(26);
  const names = projects.nodes.map((p: { name: string }) => p.name);
  // The national respiratory medical centre's host, 广医一院, and its build-outs.
  expect(projects.nodes.some((p: any) => p.facility?.name === '广州医科大学附属第一医院')).toBe(true);
  expect(names.some((n: string) => n.includes('南沙'))).toBe(true);
  // Every answer is tied: its facility, or that facility's parent, hosts a national centre.
  const kinds = ['NATIONAL_MEDICAL_CENTER', 'NATIONAL_REGIONAL_MEDICAL_CENTER'];
  const hosts = (f: { designations: { kind: string }[] } | null) => !!f && f.designations.some((d) => kinds.includes(d.kind));
  const tie =
    await q(`{ region(id: "440100") { projects(filter: { designationKinds: [NATIONAL_MEDICAL_CENTER, NATIONAL_REGIONAL_MEDICAL_CENTER] }, first: 100) {
    nodes { id facility { designations { kind } parent { designations { kind } } } } } } }`);
  expect(tie.errors).toBeUndefined();
  const untied = tie.data.region.projects.nodes.filter((p: any) => !hosts(p.facility) && !hosts(p.facility?.parent));
  expect(untied).toEqual([]);
  // A campus project is tied through its parent hospital.
  expect(tie.data.region.projects.nodes.some((p: any) => !hosts(p.facility) && hosts(p.facility.parent))).toBe(true);
});

/** Every node of a connection, following `endCursor` page by page. */
async function allNodes(field: string, query: (after: string | null) => string): Promise<{ id: string }[]> {
  const nodes: { id: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await q(query(after));
    expect(res.errors).toBeUndefined();
    const conn = res.data.region[field];
    nodes.push(...conn.nodes);
    if (!conn.pageInfo.hasNextPage) return nodes;
    after = conn.pageInfo.endCursor;
  }
}

test('a project in 南沙区 440115 is a Guangzhou 440100 project', async () => {
  const page = (region: string) => (after: string | null) =>
    `{ region(id: "${region}") { projects(first: 100${after ? `, after: "${after}"` : ''}) { pageInfo { hasNextPage endCursor } nodes { id } } } }`;
  const nansha = await allNodes('projects', page('440115'));
  const gz = new Set((await allNodes('projects', page('440100'))).map((n) => n.id));
  expect(nansha).toHaveLength(7);
  expect(gz.size).toBe(305);
  for (const p of nansha) expect(gz.has(p.id)).toBe(true);
});

test('a named area answers its lists for its member divisions: 粤港澳大湾区 is its 11 cities', async () => {
  const res = await q(`{ region(id: "greater-bay-area") {
    members { id }
    projects(first: 100) { totalCount }
    facilities(first: 1) { totalCount }
    organizations { totalCount }
  } gz: region(id: "440100") { projects(first: 1) { totalCount } } }`);
  expect(res.errors).toBeUndefined();
  const area = res.data.region;
  expect(area.members).toHaveLength(11);
  // 3 projects recorded against the area itself, the rest within its cities (Guangzhou alone has 305).
  expect(area.projects.totalCount).toBe(325);
  expect(area.facilities.totalCount).toBe(125);
  expect(area.organizations.totalCount).toBe(4);
  expect(res.data.gz.projects.totalCount).toBe(305);
});

test('each Region extension answers through the gateway', async () => {
  const res = await q(`{ region(id: "440100") {
    facilities(first: 5) { totalCount nodes { name region { name } } }
    observations(filter: { indicatorId: "life-expectancy" }) { nodes { period value } }
    targets(filter: { planId: "gz-health-14th-fyp" }, first: 100) { totalCount }
    plans { id name }
    organizations { totalCount nodes { name } }
    officials(first: 50) { totalCount nodes { titles person { name } } }
  } }`);
  expect(res.errors).toBeUndefined();
  const r = res.data.region;
  expect(r.facilities.totalCount).toBe(110);
  expect(r.facilities.nodes[0].region.name).toMatch(/区|市/);
  expect(r.observations.nodes.find((o: { period: string }) => o.period === '2020').value).toBe(82.9);
  expect(r.targets.totalCount).toBe(52);
  expect(r.plans.map((p: { id: string }) => p.id)).toContain('gz-health-14th-fyp');
  expect(r.organizations.totalCount).toBe(1);
  expect(r.officials.nodes.map((p: any) => p.person.name)).toContain('陈斌');
});

test('Organization.head(asOf): who led the Guangdong health commission then', async () => {
  const orgs = await q(`{ organizations(filter: { search: "广东省卫生健康委员会" }) { nodes { id name
    h2021: head(asOf: "2021-12-31") { person { name } titles asOf }
    h2025: head(asOf: "2025-12-31") { person { name } titles asOf } } } }`);
  expect(orgs.errors).toBeUndefined();
  const gd = orgs.data.organizations.nodes.find((o: { name: string }) => o.name === '广东省卫生健康委员会');
  expect(gd.h2021.person.name).toBe('段宇飞');
  expect(gd.h2025.person.name).toBe('刘利群');
});

test("a target's attainment crosses into the regions subgraph", async () => {
  const res = await q(`{ targets(filter: { planId: "gz-health-13th-fyp", attainment: [MISSED] }, first: 100) {
    nodes { id valueText region { name } indicator { name } attainment { status actual gap } } } }`);
  expect(res.errors).toBeUndefined();
  const nurses = res.data.targets.nodes.find((t: { id: string }) => t.id === 'registered-nurses-per-1000-gz13-2020');
  expect(nurses).toMatchObject({ region: { name: '广州市' }, attainment: { status: 'MISSED', actual: 4.4, gap: -0.6 } });
});

test('connections page with first/after and report totalCount', async () => {
  const first = await q(`{ facilities(first: 10) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`);
  const { totalCount, pageInfo, nodes } = first.data.facilities;
  expect(nodes).toHaveLength(10);
  expect(pageInfo.hasNextPage).toBe(true);
  const next = await q(
    `query($after: String) { facilities(first: 10, after: $after) { totalCount pageInfo { hasPreviousPage } nodes { id } } }`,
    { after: pageInfo.endCursor },
  );
  expect(next.data.facilities.totalCount).toBe(totalCount);
  expect(next.data.facilities.pageInfo.hasPreviousPage).toBe(true);
  const seen = new Set(nodes.map((n: { id: string }) => n.id));
  expect(next.data.facilities.nodes.length).toBeGreaterThan(0);
  for (const n of next.data.facilities.nodes) expect(seen.has(n.id)).toBe(false);
});

test('every fact carries a citation with its source', async () => {
  const res = await q(`{ facility(id: "gmu-first-affiliated-hospital") { citations { lines quote source { id title publishedOn } } } }`);
  expect(res.errors).toBeUndefined();
  const c = res.data.facility.citations[0];
  expect(c.lines).toMatch(/^\d{3}:\d+/);
  expect(c.source.id).toBe(c.lines.slice(0, 3));
});

test('bad requests get clear errors, not crashes', async () => {
  const syntax = await q(`{ region(id: "440100") { name `);
  expect(syntax.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  const unknownField = await q(`{ region(id: "440100") { population } }`);
  expect(unknownField.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const notFound = await q(`{ project(id: "no-such-project") { id } }`);
  expect(notFound.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  const tooBig = await q(`{ projects(first: 101) { totalCount } }`);
  expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const nested = (levels: number): string => (levels === 0 ? 'id' : `parent { ${nested(levels - 1)} }`);
  const deep = await q(`{ region(id: "440115") { ${nested(14)} } }`);
  expect(deep.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(deep.errors?.[0].message).toBe('Query depth limit of 12 exceeded, found 16. Split it into several queries. (MAX_QUERY_DEPTH)');
});

test('a sample of every entity family is reachable through the gateway', async () => {
  const res = await q(`{
    indicator(id: "life-expectancy") { name unit direction citations { source { id title } } }
    plan(id: "gz-health-14th-fyp") { name targets(first: 1) { totalCount } }
    designations(filter: { kinds: [NATIONAL_MEDICAL_CENTER] }) { totalCount }
    people(filter: { search: "刘利群" }) { nodes { name posts { titles organization { name } } } }
    meetings(first: 100) { totalCount nodes { name date appearances { person { name } role } } }
  }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.indicator).toMatchObject({ unit: '岁', direction: 'HIGHER_IS_BETTER' });
  expect(res.data.indicator.citations[0].source.id).toBe('002');
  expect(res.data.plan.targets.totalCount).toBe(52);
  expect(res.data.designations.totalCount).toBe(7);
  expect(res.data.people.nodes[0].posts.map((p: any) => p.organization.name)).toContain('广东省卫生健康委员会');
  expect(res.data.meetings.totalCount).toBe(8);
});

test('search hits are typed and followed into their owning subgraphs', async () => {
  const res = await q(`{ search(text: "nansha", first: 5) { score matchedField node {
    __typename
    ... on Region { id name parent { name } facilities(first: 1) { totalCount } }
    ... on Facility { id name region { name } }
    ... on Project { id name status } } } }`);
  expect(res.errors).toBeUndefined();
  const [first, ...rest] = res.data.search;
  expect(first).toMatchObject({
    matchedField: 'PINYIN',
    node: { __typename: 'Region', id: '440115', name: '南沙区', parent: { name: '广州市' } },
  });
  expect(first.node.facilities.totalCount).toBe(6);
  // The rest of "nansha" is townships (南沙街道, and the 南山 towns whose pinyin starts so); facilities
  // named after the district are found by its Chinese name.
  expect(rest[0].node).toMatchObject({ __typename: 'Region', id: '440115001', name: '南沙街道', parent: { name: '南沙区' } });
  const named = await q(`{ search(text: "南沙区", first: 5) { node { __typename ... on Facility { id name region { name } } } } }`);
  const facility = named.data.search.find((h: { node: { __typename: string } }) => h.node.__typename === 'Facility');
  expect(facility.node.name).toContain('南沙');
});

test('list filters match pinyin as well as Chinese and English, in every subgraph', async () => {
  const ids = (conn: { nodes: { id: string }[] }) => conn.nodes.map((n) => n.id);
  const res = await q(`{
    regions(filter: { search: "pyq" }) { nodes { id } }
    facilities(filter: { search: "guangzhoushixiongke" }, first: 100) { nodes { id } }
    projects(filter: { search: "nan sha qu xue zhan" }) { nodes { id } }
    indicators(filter: { search: "renjunyuqishouming" }) { nodes { id } }
    people(filter: { search: "liuliqun" }) { nodes { id } }
    organizations(filter: { search: "guangdongshengweishengjiankang" }) { nodes { id } }
    chinese: facilities(filter: { search: "胸科" }) { nodes { id } }
  }`);
  expect(res.errors).toBeUndefined();
  // 番禺区 read pān yú qū; 恩平园区 (a zone of 恩平市) has the initials epyq.
  expect(ids(res.data.regions)).toEqual(['440113', '440785400']);
  expect(ids(res.data.facilities)).toEqual(['gz-chest-hospital']); // 广州市胸科医院
  expect(ids(res.data.chinese)).toEqual(['gz-chest-hospital']);
  expect(ids(res.data.projects)).toEqual(['nansha-blood-station']);
  expect(ids(res.data.indicators)).toEqual(['life-expectancy']);
  expect(ids(res.data.people)).toEqual(['liu-liqun']);
  expect(ids(res.data.organizations)).toEqual(['gd-health-commission', 'gd-health-joint-party-committee']);
});

test("a client asking for the query plan (Apollo's experimental header) is not given it", async () => {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-query-plan-experimental': 'true' },
    body: JSON.stringify({ query: HEADLINE }),
  });
  const body = (await res.json()) as { data?: unknown; extensions?: Record<string, unknown> };
  expect(res.status).toBe(200);
  expect(body.data).toBeTruthy();
  expect(Object.keys(body.extensions ?? {})).not.toContain('queryPlan');
  expect(JSON.stringify(body)).not.toContain('QueryPlan');
});
