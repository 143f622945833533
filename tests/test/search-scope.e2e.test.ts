import 'reflect-metadata';
import { postGraphQL } from '@hsg/core';
import { normalize, type RunningSubgraph } from '@hsg/framework';
import { MAX_CANDIDATES, searchStatement } from '../../services/search/src/fts';
import { searchWords } from '../../services/search/src/words';
import { rank, type Candidate } from './search-reference-ranking';
import { feedsFollowed, requestStatements, startStack, type Stack } from './stack';

/**
 * `search(levels:, within:)`: a typeahead for one tier of regions, or for what lies in one region.
 * Each is a condition of the one statement, held to rank() over the spellings the same rule keeps
 * (RegionScope's "within", the published tier), and to exact answers over the seeds.
 */
let stack: Stack;
let server: RunningSubgraph;
let terms: (Candidate & { regionId: string | null })[];

beforeAll(async () => {
  stack = await startStack();
  server = stack.subgraphs.search;
  await feedsFollowed(stack);
  terms = await server.dataSource.query(
    'SELECT kind, "entityId", field, value, normalized, level, "regionId" FROM search_term ORDER BY id',
  );
});
afterAll(() => stack?.stop());

interface Scope {
  levels?: string[];
  within?: string;
  types?: string[];
}
const SEARCH = `query($text: String!, $first: Int!, $levels: [RegionLevel!], $within: ID, $types: [String!]) {
  search(text: $text, first: $first, levels: $levels, within: $within, types: $types) { score matchedField matchedText node { __typename
  ... on Region { id } ... on Facility { id } ... on Project { id } ... on Indicator { id } ... on Organization { id }
  ... on Person { id } ... on Designation { id } ... on Meeting { id } ... on Plan { id } } } }`;

const ask = (text: string, first: number, scope: Scope = {}) => postGraphQL(server.url, SEARCH, { text, first, ...scope });

async function search(text: string, first: number, scope: Scope = {}) {
  const res = await ask(text, first, scope);
  expect(res.errors).toBeUndefined();
  return res.data.search as { score: number; matchedText: string; node: { __typename: string; id: string } }[];
}
const ids = (hits: { node: { __typename: string; id: string } }[]) => hits.map((h) => `${h.node.__typename}:${h.node.id}`);

/** rank() over the spellings the scope keeps: a tier among `levels`, a place RegionScope puts within `within`. */
function expected(text: string, first: number, { levels, within, types }: Scope) {
  const words = searchWords(text);
  const candidates = terms
    .filter((t) => words.every((w) => t.normalized.includes(w)))
    .filter((t) => !types || types.includes(t.kind))
    .filter((t) => !levels || (t.level !== null && levels.includes(t.level)))
    .filter((t) => !within || server.regions.contains(within, t.regionId))
    .slice(0, MAX_CANDIDATES);
  return rank(normalize(text), words, candidates, first);
}

test('levels keeps the regions of those tiers: "guangz" is 广州市 among prefectures, 光泽县 then 广宗县 among counties', async () => {
  expect(ids(await search('guangz', 5, { levels: ['PREFECTURE'] }))).toEqual(['Region:440100']);
  expect(ids(await search('guangz', 5, { levels: ['COUNTY'] }))).toEqual(['Region:350723', 'Region:130531']);
  // Without levels the typeahead for regions ranks the city first by its tier's weight, then the
  // counties, then the townships and the areas named 广州… by how well they match.
  expect(ids(await search('guangz', 5, { types: ['Region'] }))).toEqual([
    'Region:440100',
    'Region:350723',
    'Region:130531',
    'Region:620922214',
    'Region:guangzhou-science-city',
  ]);
  // Only a region has a tier: no facility named after 南沙 is kept.
  const townships = await search('nansha', 10, { levels: ['TOWNSHIP'], within: 'greater-bay-area' });
  expect(ids(townships)).toEqual(['Region:440115001', 'Region:440305002', 'Region:440607106']);
});

test('within keeps what lies in the region: 医院 within Nansha is its four hospitals, each a facility and a project', async () => {
  expect(ids(await search('医院', 50, { within: '440115' }))).toEqual([
    'Facility:gd-provincial-tcm-hospital-nansha',
    'Project:gd-provincial-tcm-hospital-nansha',
    'Facility:sysu-first-affiliated-hospital-nansha',
    'Facility:sysu-stomatology-hospital-nansha',
    'Project:sysu-first-nansha-hospital',
    'Project:sysu-nansha-stomatological-hospital',
    'Facility:gmu-cancer-hospital-nansha',
    'Project:gmu-cancer-hospital-nansha-campus',
  ]);
  // Within Guangzhou: the city's own records and its districts', nothing from elsewhere in Guangdong.
  const guangzhou = await search('医院', 50, { within: '440100' });
  expect(ids(guangzhou).slice(0, 3)).toEqual([
    'Facility:gz-eighth-peoples-hospital',
    'Facility:nanfang-hospital',
    'Facility:gd-provincial-tcm-hospital',
  ]);
  const places = new Map(terms.map((t) => [`${t.kind}:${t.entityId}`, t.regionId]));
  for (const id of ids(guangzhou)) expect(places.get(id)).toMatch(/^4401/);
  expect(guangzhou).toEqual(expected('医院', 50, { within: '440100' }));
  // A named area is its members: the area itself, and what lies in Guangzhou, Shenzhen … (not what lies in Guangdong outside them).
  expect(ids(await search('大湾区', 3, { within: 'greater-bay-area' }))).toEqual([
    'Region:greater-bay-area',
    'Project:gba-tcm-hospital-cluster',
    'Project:gba-tcm-medical-consortium',
  ]);
});

test('the statement ranks as rank() over the spellings the scope keeps', async () => {
  const cases: [string, number, Scope][] = [
    ['nansha', 10, { within: '440100' }],
    ['nansha', 10, { within: '440115' }],
    ['南沙', 20, { within: 'greater-bay-area' }],
    ['医院', 50, { within: '440000' }],
    ['a', 50, { within: '440000' }],
    ['中心', 30, { within: '440115001' }],
    ['guangz', 10, { levels: ['COUNTY', 'TOWNSHIP'] }],
    ['zhou', 20, { levels: ['PREFECTURE'], within: '440000' }],
    ['卫生健康委员会', 20, { within: '440300', types: ['Organization'] }],
    ['qu', 50, { levels: ['AREA'] }],
  ];
  for (const [text, first, scope] of cases) {
    expect({ text, scope, hits: await search(text, first, scope) }).toEqual({ text, scope, hits: expected(text, first, scope) });
  }
});

test('a scoped search is still one statement', async () => {
  server.counter.reset();
  await search('医院', 20, { levels: ['COUNTY'], within: 'greater-bay-area', types: ['Region'] });
  const { sql } = searchStatement(server.dataSource, normalize('医院'), ['医院'], 20, {
    types: ['Region'],
    levels: ['COUNTY'],
    within: server.regions.parts('greater-bay-area'),
  });
  expect(requestStatements(server)).toEqual([sql]);
});

test('bad levels and within are refused with BAD_USER_INPUT naming the argument', async () => {
  const refused = async (scope: Record<string, unknown>) => {
    const res = await postGraphQL(server.url, SEARCH, { text: 'guangz', first: 5, ...scope });
    return { code: res.errors?.[0].extensions?.code, field: res.errors?.[0].extensions?.field, message: res.errors?.[0].message };
  };
  // An unknown tier fails the enum's coercion (GraphQL's own message names the value and the enum).
  expect(await refused({ levels: ['CITY'] })).toMatchObject({
    code: 'BAD_USER_INPUT',
    message: expect.stringMatching(/Value "CITY" does not exist in "RegionLevel" enum/),
  });
  expect(await refused({ levels: ['PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP', 'AREA', 'COUNTY'] })).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'levels',
    message: '"levels" names at most 5 tiers (PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, AREA).',
  });
  expect(await refused({ levels: ['COUNTY'], types: ['Facility'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'levels' });
  expect(await refused({ within: '999999' })).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'within',
    message: '"within" names no region: "999999".',
  });
  expect(await refused({ within: 'Guangzhou City' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'within' });
  expect(await refused({ within: 'a'.repeat(101) })).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'within',
    message: '"within" must be at most 100 characters.',
  });
  // Through the gateway the refusals keep their code.
  const gateway = await postGraphQL(stack.gateway.url, SEARCH, { text: 'guangz', first: 5, within: '999999' });
  expect(gateway.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('a facility an agency writes is found within its region once the feed is followed, and only there', async () => {
  const token = await stack.keys.token();
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
      variables: {
        input: {
          record: { id: 'nansha-scope-test-clinic', name: '南沙范围测试诊所', type: 'GENERAL_HOSPITAL', regionId: '440115' },
          source: { title: '广州市卫生健康委员会关于测试诊所的通知', reference: '穗卫〔2026〕99号', date: '2026-12-01' },
        },
      },
    }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  await feedsFollowed(stack);
  expect(ids(await search('范围测试', 5, { within: '440100' }))).toEqual(['Facility:nansha-scope-test-clinic']);
  expect(ids(await search('范围测试', 5, { within: 'greater-bay-area' }))).toEqual(['Facility:nansha-scope-test-clinic']);
  expect(await search('范围测试', 5, { within: '440300' })).toEqual([]);
});
