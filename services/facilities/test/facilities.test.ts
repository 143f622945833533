import { postGraphQL } from '@hsg/core';
import { inputSchemaOf, namesOf, rowOf, type RunningSubgraph, searchColumnsOf, startSeededSubgraph } from '@hsg/framework';
import { Facility } from '../src/facility';
import { Project } from '../src/project';
import { subgraph } from '../src/subgraph';

let server: RunningSubgraph;

beforeAll(async () => {
  server = await startSeededSubgraph(subgraph);
});
afterAll(async () => {
  await server?.stop();
});

const q = (query: string, variables?: Record<string, unknown>) => postGraphQL(server.url, query, variables);

test('the national respiratory medical centre is hosted by GMU First Affiliated Hospital', async () => {
  const res = await q(`{ designations(filter: { kinds: [NATIONAL_MEDICAL_CENTER] }) { nodes { name status host { name } } } }`);
  expect(res.errors).toBeUndefined();
  const respiratory = res.data.designations.nodes.find((d: { name: string }) => d.name === '国家呼吸医学中心');
  expect(respiratory).toMatchObject({ status: 'DESIGNATED', host: { name: '广州医科大学附属第一医院' } });
});

test('Guangzhou projects tied to national (regional) medical centres, via the region subtree', async () => {
  const res = await q(
    `query($kinds: [DesignationKind!]) {
    _entities(representations: [{ __typename: "Region", id: "440100" }]) {
      ... on Region { projects(filter: { designationKinds: $kinds }, first: 100) { totalCount nodes { id regionId: region { id } facility { id parent { id } designations { kind } } } } }
    } }`,
    { kinds: ['NATIONAL_MEDICAL_CENTER', 'NATIONAL_REGIONAL_MEDICAL_CENTER'] },
  );
  expect(res.errors).toBeUndefined();
  const conn = res.data._entities[0].projects;
  expect(conn.totalCount).toBe(26);
  expect(conn.nodes).toHaveLength(26);
  for (const p of conn.nodes) {
    expect(p.regionId.id.startsWith('4401')).toBe(true);
  }
});

test('filters: by status, type and search; bad filters are refused', async () => {
  const res = await q(`{ a: projects(filter: { search: "南沙" }, first: 100) { totalCount nodes { name } }
    b: facilities(filter: { regionId: "440115" }, first: 100) { nodes { id region { id } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.a.totalCount).toBe(7);
  expect(res.data.a.nodes).toHaveLength(7);
  expect(res.data.b.nodes).toHaveLength(6);
  for (const n of res.data.a.nodes) expect(n.name).toContain('南沙');
  for (const f of res.data.b.nodes) expect(f.region.id).toBe('440115');
  const bad = await q(`{ projects(filter: { search: "" }) { totalCount } }`);
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const unknown = await q(`{ facility(id: "no-such-hospital") { id } }`);
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

test('a list of N parents costs the same statements for N = 1 and N = 20', async () => {
  // Every level below exists for the first item too (tied projects have a facility with designations),
  // so N = 1 exercises the same loaders as N = 20. The two lists go in separate requests: in one
  // request, a loader reached at two depths may or may not share a batch depending on timing.
  const cost = async (first: number) => {
    server.counter.reset();
    const facilities = await q(`{ facilities(first: ${first}) { nodes { id campuses { id } designations { id } projects { id } } } }`);
    const projects =
      await q(`{ projects(first: ${first}, filter: { designationKinds: [NATIONAL_MEDICAL_CENTER, NATIONAL_REGIONAL_MEDICAL_CENTER] }) {
      nodes { id facility { id designations { id host { id } } projects { id } } } } }`);
    expect(facilities.errors).toBeUndefined();
    expect(projects.errors).toBeUndefined();
    expect(facilities.data.facilities.nodes).toHaveLength(first);
    expect(projects.data.projects.nodes).toHaveLength(first);
    return server.counter.count;
  };
  const one = await cost(1);
  expect(one).toBeGreaterThan(4);
  expect(await cost(20)).toBe(one);
});

test('the entity declaration is the one source of a record: input rules, stored row and derived columns', () => {
  const input = {
    id: 'nansha-test-hospital',
    name: '南沙测试医院',
    type: 'NEW_BUILD',
    regionId: '440115',
    statusReports: [
      { asOf: '2024', status: 'IN_OPERATION', text: '已投入使用', lines: '003:10-11', quote: '投入使用' },
      { asOf: '2021', status: 'UNDER_CONSTRUCTION', text: '开工建设', lines: '002:10-11', quote: '开工' },
    ],
    citations: [{ lines: '002:10-11', quote: '南沙' }],
  };
  const parsed = inputSchemaOf(Project).parse(input) as Record<string, unknown>;
  const row = rowOf(Project, parsed);
  expect(row).toMatchObject({
    status: 'IN_OPERATION',
    statusAsOf: '2024',
    facilityId: null,
    planId: null,
    planSection: null,
    inferred: false,
    note: null,
  });
  expect(row.pinyin).toBe('nanshaceshiyiyuan nscsyy');
  const misspelt = inputSchemaOf(Facility).safeParse({ ...input, type: 'GENERAL_HOSPITAL', statusReports: undefined, colour: 'red' });
  expect(misspelt.success).toBe(false);
  expect(misspelt.error?.issues.map((i) => i.message).join()).toContain('colour');
  expect(searchColumnsOf(Facility)).toEqual(['name', 'aliases', 'nameEn', 'affiliation']);
  expect(namesOf(Facility, { name: '广州市胸科医院', aliases: ['胸科医院'], nameEn: null })).toEqual([
    { field: 'NAME', value: '广州市胸科医院' },
    { field: 'ALIAS', value: '胸科医院' },
  ]);
});
