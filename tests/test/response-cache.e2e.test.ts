import { REPO_ROOT, SUBGRAPHS, type RunningServer, type SubgraphName } from '@hsg/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { startGateway } from '@hsg/gateway';
import { recordingProxy } from './recording-proxy';
import { startStack, type Stack } from './stack';

const HEADLINE = readFileSync(path.join(REPO_ROOT, 'examples', 'headline.graphql'), 'utf8');
const CACHE = { ttlMs: 60_000, maxBytes: 10_000_000, maxEntryBytes: 1_000_000 };

let stack: Stack;
let gateway: RunningServer; // cached, in memory, every subgraph behind a recording proxy
let proxies: Record<SubgraphName, Awaited<ReturnType<typeof recordingProxy>>>;
let gz: string; // Guangzhou's health commission, every write scope
const extra: RunningServer[] = [];

beforeAll(async () => {
  stack = await startStack();
  proxies = {} as typeof proxies;
  for (const { name } of SUBGRAPHS) proxies[name] = await recordingProxy(stack.subgraphs[name].url);
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, proxies[name].url])) as Record<SubgraphName, string>;
  gateway = await startGateway({ port: 0, subgraphUrls, auth: stack.keys.auth, responseCache: CACHE });
  gz = await stack.keys.token();
});
afterAll(async () => {
  for (const g of [gateway, ...extra]) await g?.stop();
  for (const p of Object.values(proxies ?? {})) await p.close();
  await stack?.stop();
});

/** A gateway without the response cache over the same recording proxies, stopped with the others. */
async function plainGateway(): Promise<RunningServer> {
  const plain = await startGateway({
    port: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, proxies[name].url])) as Record<SubgraphName, string>,
  });
  extra.push(plain);
  return plain;
}

/** Requests the subgraphs have received so far. */
const received = () => Object.values(proxies).reduce((n, p) => n + p.seen.length, 0);

async function gql(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string>; url?: string } = {},
) {
  const res = await fetch(options.url ?? gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
}

/** Reads twice: the first computes (miss), the second is answered from the cache without a subgraph request. */
async function readCached(query: string, variables: Record<string, unknown> = {}) {
  const first = await gql(query, variables);
  expect(first.body.errors).toBeUndefined();
  expect(first.headers.get('x-cache')).toBe('miss');
  const before = received();
  const second = await gql(query, variables);
  expect(second.headers.get('x-cache')).toBe('hit');
  expect(received()).toBe(before);
  expect(second.text).toBe(first.text);
  return second.body.data;
}

/** After a write, the next read is computed again (a miss) and returns what the write changed. */
async function readAfterWrite(query: string, variables: Record<string, unknown> = {}) {
  const before = received();
  const res = await gql(query, variables);
  expect(res.body.errors).toBeUndefined();
  expect(res.headers.get('x-cache')).toBe('miss');
  expect(received()).toBeGreaterThan(before);
  return res.body.data;
}

async function write(mutation: string, input: Record<string, unknown>) {
  const res = await gql(mutation, { input }, { token: gz });
  expect(res.body.errors).toBeUndefined();
  expect(res.headers.get('x-cache')).toBe('bypass');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.body.data;
}

const source = { title: '广州市卫生健康委员会关于缓存测试的通知', reference: '穗卫〔2026〕99号', date: '2026-11-30' };
const version = async (type: string, id: string) => (await gql(`{ ${type}(id: "${id}") { version } }`)).body.data[type].version as number;

test('a repeated query is answered from the cache: no subgraph request, the same bytes, without the keys the cache added', async () => {
  const before = received();
  const miss = await gql(HEADLINE);
  expect(miss.headers.get('x-cache')).toBe('miss');
  expect(received() - before).toBeGreaterThan(0);
  expect(miss.body.data.region.projects.totalCount).toBe(26);
  expect(miss.text).not.toMatch(/__cache/);
  expect(miss.body.data.region.projects.nodes[0]).toEqual({
    id: 'gd-provincial-peoples-hospital-baiyun-campus',
    name: '广东省人民医院白云院区',
    status: 'PLANNED',
    statusAsOf: '2021',
    planSection: '专栏4 工程1',
    region: { name: '白云区' },
    facility: { name: '广东省人民医院白云院区', parent: { name: '广东省人民医院' }, designations: [] },
  });
  const afterMiss = received();
  const hit = await gql(HEADLINE);
  expect(hit.headers.get('x-cache')).toBe('hit');
  expect(received()).toBe(afterMiss);
  expect(hit.text).toBe(miss.text);
  expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
  expect(hit.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
  // The same document spaced otherwise, and variables in another order, share the entry.
  const respaced = await gql(HEADLINE.replace(/ +/g, '   '));
  expect(respaced.headers.get('x-cache')).toBe('hit');
  const DISTRICT = 'query($district: ID!, $first: Int) { region(id: $district) { name projects(first: $first) { totalCount } } }';
  await gql(DISTRICT, { district: '440106', first: 5 });
  const reordered = await gql(DISTRICT, { first: 5, district: '440106' });
  expect(reordered.headers.get('x-cache')).toBe('hit');
  expect(reordered.body.data.region.name).toBe('天河区');
  const other = await gql(DISTRICT, { district: '440115', first: 5 });
  expect(other.headers.get('x-cache')).toBe('miss');
  expect(other.body.data.region).toEqual({ name: '南沙区', projects: { totalCount: 7 } });
});

test('the headline is two subgraph requests: facilities hands out each project\u2019s region name beside its key (@provides)', async () => {
  const plain = await plainGateway();
  const from = { regions: proxies.regions.bodies.length, facilities: proxies.facilities.bodies.length };
  const res = await gql(HEADLINE, {}, { url: plain.url });
  expect(res.body.errors).toBeUndefined();
  const nodes = res.body.data.region.projects.nodes as { id: string; region: { name: string } }[];
  expect(nodes).toHaveLength(26);
  const sent = (name: 'regions' | 'facilities') => proxies[name].bodies.slice(from[name]).map((b) => JSON.parse(b) as { query: string });
  expect(sent('regions')).toHaveLength(1);
  expect(sent('regions')[0].query).toContain('region(id:');
  expect(sent('facilities')).toHaveLength(1);
  expect(sent('facilities')[0].query).toMatch(/region\s*\{\s*name\s*\}/);
  // The names are the regions subgraph's own.
  const owned = await gql('{ a: region(id: "440111") { name } b: region(id: "440115") { name } }');
  expect(owned.body.data).toEqual({ a: { name: '白云区' }, b: { name: '南沙区' } });
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n.region.name]));
  expect(byId['gd-provincial-peoples-hospital-baiyun-campus']).toBe('白云区');
  expect(byId['gz-women-children-center-nansha-campus']).toBe('南沙区');
  expect(nodes.filter((n) => n.region.name === '广州市')).toHaveLength(17);
});

test('duplicate entity representations are sent once: 100 targets lie in 5 distinct regions', async () => {
  const plain = await plainGateway();
  const from = proxies.regions.bodies.length;
  const TARGETS = '{ targets(first: 100) { nodes { id region { name } } } }';
  const res = await gql(TARGETS, {}, { url: plain.url });
  const nodes = res.body.data.targets.nodes as { region: { name: string } }[];
  expect(nodes).toHaveLength(100);
  const sent = proxies.regions.bodies
    .slice(from)
    .map((b) => JSON.parse(b) as { query: string; variables?: { representations?: { __typename: string; id: string }[] } })
    .filter((b) => b.query.includes('_entities'));
  expect(sent).toHaveLength(1);
  const representations = sent[0].variables!.representations!;
  expect(new Set(nodes.map((n) => n.region.name)).size).toBe(5);
  expect(representations).toHaveLength(5);
  expect(new Set(representations.map((r) => JSON.stringify(r))).size).toBe(representations.length);
  // Every target still gets its own region back.
  expect(nodes.map((n) => n.region.name)).toEqual(
    (await gql(TARGETS)).body.data.targets.nodes.map((n: { region: { name: string } }) => n.region.name),
  );
  expect(nodes.filter((n) => n.region.name === '广州市')).toHaveLength(69);
});

test('a matching If-None-Match gets a 304 with no body; another ETag gets the response', async () => {
  const first = await gql(HEADLINE);
  const etag = first.headers.get('etag')!;
  expect(etag).toMatch(/^"[\w-]{27}"$/);
  const revalidated = await gql(HEADLINE, {}, { headers: { 'if-none-match': etag } });
  expect(revalidated.status).toBe(304);
  expect(revalidated.text).toBe('');
  expect(revalidated.headers.get('etag')).toBe(etag);
  const listed = await gql(HEADLINE, {}, { headers: { 'if-none-match': `"other", W/${etag}` } });
  expect(listed.status).toBe(304);
  const stale = await gql(HEADLINE, {}, { headers: { 'if-none-match': '"not-this-one"' } });
  expect(stale.status).toBe(200);
  expect(stale.text).toBe(first.text);
});

test('anonymous callers share entries; an agency shares with no one else', async () => {
  const QUERY = '{ region(id: "440103") { name facilities(first: 1) { totalCount } } }';
  await readCached(QUERY);
  const before = received();
  const agency = await gql(QUERY, {}, { token: gz });
  expect(agency.headers.get('x-cache')).toBe('miss');
  expect(received()).toBeGreaterThan(before);
  expect(agency.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
  expect((await gql(QUERY, {}, { token: gz })).headers.get('x-cache')).toBe('hit');
  expect((await gql(QUERY, {}, { token: await stack.keys.token() })).headers.get('x-cache')).toBe('hit'); // the same agency and claims
  const shenzhen = await stack.keys.token({ agency: 'shenzhen-health-commission', regions: ['440300'] });
  expect((await gql(QUERY, {}, { token: shenzhen })).headers.get('x-cache')).toBe('miss');
  // A bad token is refused before the cache is asked, even for a cached query.
  const bad = await gql(QUERY, {}, { token: 'not-a-token' });
  expect(bad.status).toBe(401);
  expect(bad.headers.get('x-cache')).toBeNull();
});

test('errors and partial results are never stored', async () => {
  const PARTIAL = '{ region(id: "440100") { name } facility(id: "no-such-facility") { name } }';
  for (let i = 0; i < 2; i++) {
    const before = received();
    const res = await gql(PARTIAL);
    expect(res.body.data.region).toEqual({ name: '广州市' });
    expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(res.headers.get('x-cache')).toBe('miss');
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(received()).toBeGreaterThan(before);
  }
  // A subgraph that cannot be reached leaves a partial result, which is not stored either.
  const subgraphUrls = {
    ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, stack.subgraphs[name].url])),
    officials: 'http://127.0.0.1:1/graphql',
  };
  const broken = await startGateway({ port: 0, subgraphUrls: subgraphUrls as Record<SubgraphName, string>, responseCache: CACHE });
  extra.push(broken);
  const QUERY = '{ region(id: "440100") { name officials(first: 1) { totalCount } } }';
  for (let i = 0; i < 2; i++) {
    const res = await gql(QUERY, {}, { url: broken.url });
    expect(res.body.data.region.name).toBe('广州市');
    expect(res.body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(res.headers.get('x-cache')).toBe('miss');
  }
  // A validation error never reaches the cache.
  const invalid = await gql('{ region(id: "440100") { noSuchField } }');
  expect(invalid.status).toBe(400);
  expect(invalid.headers.get('x-cache')).toBe('bypass');
});

test('search and the change feed are never stored: the search subgraph follows the writes after they land', async () => {
  for (let i = 0; i < 2; i++) {
    const res = await gql('{ search(text: "nansha", first: 3) { matchedText } }');
    expect(res.body.data.search).toHaveLength(3);
    expect(res.headers.get('x-cache')).toBe('bypass');
  }
});

test('a response larger than an entry may be is answered, not stored', async () => {
  const small = await startGateway({
    port: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, stack.subgraphs[name].url])) as Record<SubgraphName, string>,
    responseCache: { ...CACHE, maxEntryBytes: 2048 },
  });
  extra.push(small);
  for (let i = 0; i < 2; i++) {
    const res = await gql(HEADLINE, {}, { url: small.url });
    expect(res.text.length).toBeGreaterThan(2048);
    expect(res.body.data.region.projects.totalCount).toBe(26);
    expect(res.headers.get('x-cache')).toBe('miss');
  }
  const QUERY = '{ region(id: "440100") { name } }';
  await gql(QUERY, {}, { url: small.url });
  expect((await gql(QUERY, {}, { url: small.url })).headers.get('x-cache')).toBe('hit');
});

describe('a write through the gateway invalidates, before its response, every entry that holds what it changed', () => {
  test('facility: a create changes the region\u2019s list, an update the facility', async () => {
    const LIST = '{ region(id: "440115") { facilities(first: 100) { totalCount } } }';
    expect((await readCached(LIST)).region.facilities.totalCount).toBe(6);
    await write(`mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id } }`, {
      record: { id: 'cache-test-campus', name: '缓存测试院区', type: 'GENERAL_HOSPITAL', regionId: '440115' },
      source,
    });
    expect((await readAfterWrite(LIST)).region.facilities.totalCount).toBe(7);
    const ONE = '{ facility(id: "cache-test-campus") { name } }';
    expect((await readCached(ONE)).facility.name).toBe('缓存测试院区');
    await write(`mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { name } }`, {
      id: 'cache-test-campus',
      expectedVersion: 1,
      changes: { name: '缓存测试院区（更名）' },
      source,
    });
    expect((await readAfterWrite(ONE)).facility.name).toBe('缓存测试院区（更名）');
  });

  test('project: an update that moves it changes both regions\u2019 lists', async () => {
    const IN = (region: string) => `{ region(id: "${region}") { projects(first: 100) { totalCount nodes { id } } } }`;
    expect((await readCached(IN('440115'))).region.projects.totalCount).toBe(7);
    const tianhe = (await readCached(IN('440106'))).region.projects.nodes.length;
    const ONE = '{ project(id: "gz-cdc-biobank") { region { id } } }';
    expect((await readCached(ONE)).project.region.id).toBe('440100');
    await write(`mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`, {
      id: 'gz-cdc-biobank',
      expectedVersion: await version('project', 'gz-cdc-biobank'),
      changes: { regionId: '440115' },
      source,
    });
    const moved = await readAfterWrite(IN('440115'));
    expect(moved.region.projects.totalCount).toBe(8);
    expect(moved.region.projects.nodes.map((n: { id: string }) => n.id)).toContain('gz-cdc-biobank');
    expect((await readAfterWrite(ONE)).project.region.id).toBe('440115');
    expect((await readAfterWrite(IN('440106'))).region.projects.nodes.length).toBe(tianhe);
  });

  test('designation: a new national centre ties its host\u2019s projects into the headline', async () => {
    expect((await readCached(HEADLINE)).region.projects.totalCount).toBe(26);
    const HOSTED = '{ facility(id: "gz-cdc") { designations { name } } }';
    const held = ['省级区域公卫中心', '市慢性病防治中心', '广州市传染病病原检验质量控制中心'].map((name) => ({ name }));
    expect((await readCached(HOSTED)).facility.designations).toEqual(held);
    await write(`mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`, {
      record: {
        id: 'cache-test-centre',
        kind: 'NATIONAL_MEDICAL_CENTER',
        name: '国家缓存测试中心',
        hostId: 'gz-cdc',
        status: 'DESIGNATED',
        regionId: '440100',
      },
      source,
    });
    expect((await readAfterWrite(HOSTED)).facility.designations).toEqual([{ name: '国家缓存测试中心' }, ...held]);
    // gz-cdc's projects (one of them moved to 南沙 above, still in Guangzhou): 26 + 8.
    expect((await readAfterWrite(HEADLINE)).region.projects.totalCount).toBe(34);
  });

  test('observation: a new figure decides the target\u2019s attainment and lists under the indicator', async () => {
    const ATTAINMENT = '{ target(id: "life-expectancy-gz14-2025") { attainment { status actual } } }';
    // Pending as of the latest date the data covers (2025-03-03), until a figure decides it.
    expect((await readCached(ATTAINMENT)).target.attainment).toEqual({ status: 'PENDING', actual: null });
    const FIGURES = '{ indicator(id: "life-expectancy") { observations(filter: { regionId: "440100" }, first: 100) { totalCount } } }';
    expect((await readCached(FIGURES)).indicator.observations.totalCount).toBe(2);
    await write(`mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }`, {
      record: {
        id: 'cache-test-life-expectancy-2025',
        indicatorId: 'life-expectancy',
        regionId: '440100',
        period: '2025',
        valueText: '83.7',
      },
      source,
    });
    expect((await readAfterWrite(ATTAINMENT)).target.attainment).toEqual({ status: 'MET', actual: 83.7 });
    expect((await readAfterWrite(FIGURES)).indicator.observations.totalCount).toBe(3);
  });

  test('target: a new one lists under its indicator, a replaced one reads anew', async () => {
    const TARGETS = '{ indicator(id: "life-expectancy") { targets(first: 100) { totalCount } } }';
    expect((await readCached(TARGETS)).indicator.targets.totalCount).toBe(2);
    const record = {
      id: 'cache-test-life-expectancy-2030',
      indicatorId: 'life-expectancy',
      regionId: '440100',
      planId: 'gz-health-14th-fyp',
      year: 2030,
      comparator: 'GTE',
      value: 84,
      valueText: '84',
    };
    await write(`mutation($input: SetTargetInput!) { setTarget(input: $input) { id } }`, { record, source });
    expect((await readAfterWrite(TARGETS)).indicator.targets.totalCount).toBe(3);
    const ONE = '{ target(id: "cache-test-life-expectancy-2030") { valueText } }';
    expect((await readCached(ONE)).target.valueText).toBe('84');
    await write(`mutation($input: SetTargetInput!) { setTarget(input: $input) { id } }`, {
      record: { ...record, value: 84.5, valueText: '84.5' },
      expectedVersion: 1,
      source,
    });
    expect((await readAfterWrite(ONE)).target.valueText).toBe('84.5');
  });

  test('person and post: a new person lists among people, a new post among the region\u2019s officials and the person\u2019s posts', async () => {
    const PEOPLE = '{ people(first: 100) { totalCount } }';
    expect((await readCached(PEOPLE)).people.totalCount).toBe(28);
    await write(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, {
      record: { id: 'cache-test-official', name: '缓存测试' },
      source,
    });
    expect((await readAfterWrite(PEOPLE)).people.totalCount).toBe(29);
    const POSTS = '{ person(id: "cache-test-official") { posts { titles } } }';
    expect((await readCached(POSTS)).person.posts).toEqual([]);
    const OFFICIALS = '{ region(id: "440100") { officials(first: 100) { totalCount } } }';
    const officials = (await readCached(OFFICIALS)).region.officials.totalCount;
    await write(`mutation($input: RecordPostInput!) { recordPost(input: $input) { id } }`, {
      record: {
        id: 'cache-test-post',
        personId: 'cache-test-official',
        organizationId: 'guangzhou-health-commission',
        titles: ['副主任'],
        isHead: false,
        asOf: '2026-11-30',
      },
      source,
    });
    expect((await readAfterWrite(POSTS)).person.posts).toEqual([{ titles: ['副主任'] }]);
    expect((await readAfterWrite(OFFICIALS)).region.officials.totalCount).toBe(officials + 1);
  });

  test('a refused write invalidates nothing it did not change, and reads stay exact', async () => {
    const ONE = '{ facility(id: "cache-test-campus") { name version } }';
    const before = await readCached(ONE);
    const refused = await gql(
      `mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { name } }`,
      { input: { id: 'cache-test-campus', expectedVersion: 1, changes: { name: '不应写入' }, source } },
      { token: gz },
    );
    expect(refused.body.errors[0].extensions.code).toBe('CONFLICT');
    const after = await gql(ONE);
    expect(after.body.data).toEqual(before);
  });
});
