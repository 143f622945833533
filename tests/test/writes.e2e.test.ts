import { startStack, type Stack } from './stack';

let stack: Stack;
let gz: string; // Guangzhou's health commission: every write scope, region 440100
beforeAll(async () => {
  stack = await startStack();
  gz = await stack.keys.token();
});
afterAll(() => stack?.stop());

async function gql(query: string, variables: Record<string, unknown> = {}, token: string | null = gz) {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] } };
}
const codeOf = (r: Awaited<ReturnType<typeof gql>>) => r.body.errors?.[0]?.extensions?.code;

const source = { title: '广州市卫生健康委员会关于南沙新院区启用的通知', reference: '穗卫〔2026〕12号', date: '2026-11-30' };
const CREATE_FACILITY = `mutation($input: CreateFacilityInput!) { createFacility(input: $input) {
  id name version region { id name } citations { lines } submissions { agency operation version source { title reference } } } }`;
const UPDATE_FACILITY = `mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { id name aliases version history { version operation agency changed } } }`;
const campus = (id: string, extra: Record<string, unknown> = {}) => ({
  record: { id, name: '广州市第一人民医院南沙测试院区', type: 'GENERAL_HOSPITAL', regionId: '440115', ...extra },
  source,
});

test('createFacility writes version 1 with its submission, resolved across subgraphs', async () => {
  const res = await gql(CREATE_FACILITY, { input: campus('gz-first-hospital-nansha-test') });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.createFacility).toEqual({
    id: 'gz-first-hospital-nansha-test',
    name: '广州市第一人民医院南沙测试院区',
    version: 1,
    region: { id: '440115', name: '南沙区' },
    citations: [],
    submissions: [
      {
        agency: 'guangzhou-health-commission',
        operation: 'createFacility',
        version: 1,
        source: { title: source.title, reference: source.reference },
      },
    ],
  });
  // A text-derived record keeps its citations and has no submissions.
  const seeded = await gql(
    '{ facility(id: "gmu-first-affiliated-hospital") { version citations { lines } submissions { version } history { operation agency } } }',
    {},
    null,
  );
  expect(seeded.body.data.facility.version).toBe(1);
  expect(seeded.body.data.facility.citations.length).toBeGreaterThan(0);
  expect(seeded.body.data.facility.submissions).toEqual([]);
  expect(seeded.body.data.facility.history).toEqual([{ operation: 'seed', agency: null }]);
});

test('every auth failure is refused before anything is written', async () => {
  const input = campus('never-written');
  const anonymous = await gql(CREATE_FACILITY, { input }, null);
  expect(anonymous.status).toBe(200);
  expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  const expired = await gql(CREATE_FACILITY, { input }, await stack.keys.token({ expires: Math.floor(Date.now() / 1000) - 3600 }));
  expect(expired.status).toBe(401);
  expect(codeOf(expired)).toBe('UNAUTHENTICATED');
  const garbage = await gql(CREATE_FACILITY, { input }, 'not.a.token');
  expect(garbage.status).toBe(401);
  const indicatorsOnly = await gql(CREATE_FACILITY, { input }, await stack.keys.token({ scopes: ['indicators:write'] }));
  expect(codeOf(indicatorsOnly)).toBe('FORBIDDEN');
  expect(indicatorsOnly.body.errors![0].message).toBe("The token's scopes are indicators:write; this needs facilities:write.");
  const shenzhen = await gql(CREATE_FACILITY, { input: campus('never-written', { regionId: '440305' }) });
  expect(codeOf(shenzhen)).toBe('FORBIDDEN');
  expect(shenzhen.body.errors![0].message).toBe('The token covers regions 440100; 440305 is outside it.');
  const missing = await gql('{ facility(id: "never-written") { id } }', {}, null);
  expect(codeOf(missing)).toBe('NOT_FOUND');
});

test('a facility an agency creates or renames is found by a one- or two-character search right after, and no longer by its old name', async () => {
  // 鹬蚌 and 渔翁 occur in no seed: only this record can match them.
  const list = async (text: string, filter = '') =>
    (await gql(`{ facilities(filter: { search: "${text}"${filter} }, first: 5) { totalCount nodes { id name aliases } } }`, {}, null)).body
      .data.facilities;
  expect(await list('鹬蚌')).toEqual({ totalCount: 0, nodes: [] });
  const id = 'gz-snipe-clam-test-hospital';
  const created = await gql(CREATE_FACILITY, { input: campus(id, { name: '广州鹬蚌测试医院' }) });
  expect(created.body.errors).toBeUndefined();
  const record = { id, name: '广州鹬蚌测试医院', aliases: [] };
  expect(await list('鹬蚌')).toEqual({ totalCount: 1, nodes: [record] });
  expect(await list('鹬')).toEqual({ totalCount: 1, nodes: [record] });
  // With another filter (the lookup as one condition of several) too.
  expect(await list('蚌测', ', types: [GENERAL_HOSPITAL]')).toEqual({ totalCount: 1, nodes: [record] });
  expect(await list('蚌测', ', types: [CDC]')).toEqual({ totalCount: 0, nodes: [] });
  const renamed = await gql(UPDATE_FACILITY, {
    input: { id, expectedVersion: 1, changes: { name: '广州渔翁测试医院', aliases: ['鹬蚌院'] }, source },
  });
  expect(renamed.body.errors).toBeUndefined();
  const now = { id, name: '广州渔翁测试医院', aliases: ['鹬蚌院'] };
  expect(await list('渔翁')).toEqual({ totalCount: 1, nodes: [now] });
  // The old name's grams are gone; the alias keeps 鹬蚌 (but not 蚌测).
  expect(await list('鹬蚌')).toEqual({ totalCount: 1, nodes: [now] });
  expect(await list('蚌测')).toEqual({ totalCount: 0, nodes: [] });
  const again = await gql(UPDATE_FACILITY, { input: { id, expectedVersion: 2, changes: { aliases: [] }, source } });
  expect(again.body.errors).toBeUndefined();
  expect(await list('鹬蚌')).toEqual({ totalCount: 0, nodes: [] });
  expect(await list('翁')).toEqual({ totalCount: 1, nodes: [{ ...now, aliases: [] }] });
});

test('an update names the version it read: a stale one is a CONFLICT with the current version, and changes nothing', async () => {
  await gql(CREATE_FACILITY, { input: campus('gz-versioned-campus') });
  const changes = { aliases: ['一院南沙测试院区'] };
  const first = await gql(UPDATE_FACILITY, { input: { id: 'gz-versioned-campus', expectedVersion: 1, changes, source } });
  expect(first.body.errors).toBeUndefined();
  expect(first.body.data.updateFacility).toMatchObject({ version: 2, aliases: ['一院南沙测试院区'] });
  expect(first.body.data.updateFacility.history).toEqual([
    {
      version: 1,
      operation: 'createFacility',
      agency: 'guangzhou-health-commission',
      changed: expect.arrayContaining(['name', 'regionId']),
    },
    {
      version: 2,
      operation: 'updateFacility',
      agency: 'guangzhou-health-commission',
      changed: ['aliases'],
    },
  ]);
  const stale = await gql(UPDATE_FACILITY, { input: { id: 'gz-versioned-campus', expectedVersion: 1, changes: { name: '别名' }, source } });
  expect(codeOf(stale)).toBe('CONFLICT');
  expect(stale.body.errors![0].extensions.currentVersion).toBe(2);
  const now = await gql('{ facility(id: "gz-versioned-campus") { name version } }', {}, null);
  expect(now.body.data.facility).toEqual({ name: '广州市第一人民医院南沙测试院区', version: 2 });
  // Moving a record out of the jurisdiction is refused too.
  const away = await gql(UPDATE_FACILITY, {
    input: { id: 'gz-versioned-campus', expectedVersion: 2, changes: { regionId: '440305' }, source },
  });
  expect(codeOf(away)).toBe('FORBIDDEN');
});

test('the same idempotency key returns the first result; with another input it is refused', async () => {
  const input = { ...campus('gz-retried-campus'), idempotencyKey: 'retry-7f3a' };
  const first = await gql(CREATE_FACILITY, { input });
  const again = await gql(CREATE_FACILITY, { input });
  expect(again.body.errors).toBeUndefined();
  expect(again.body.data.createFacility).toEqual(first.body.data.createFacility);
  const other = await gql(CREATE_FACILITY, { input: { ...input, record: { ...input.record, name: '另一个院区' } } });
  expect(codeOf(other)).toBe('BAD_USER_INPUT');
  expect(other.body.errors![0].message).toMatch(/^The idempotency key "retry-7f3a" was already used for a different request/);
});

test('bad input names the field and writes nothing', async () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [{ ...campus('Bad Id') }, 'input.id', 'input.id: must be lowercase ASCII kebab-case'],
    [
      { ...campus('bad-parent', { parentId: 'no-such-hospital' }) },
      'input.parentId',
      'input.parentId: no Facility has id "no-such-hospital"',
    ],
    // Within the token's Guangzhou, well-formed, and no region: the regions are the code list's and the seed's.
    [
      { ...campus('bad-region', { regionId: '440199' }) },
      'input.regionId',
      'input.regionId: no Region has id "440199". Use a GB/T 2260 code such as 440100, or an area slug.',
    ],
    [
      { ...campus('bad-source'), source: { title: 'x' } },
      'input.source.title',
      'input.source.title: name the document the change comes from',
    ],
    [
      { ...campus('bad-date'), source: { ...source, date: '30/11/2026' } },
      'input.source.date',
      'input.source.date: must be YYYY, YYYY-MM or YYYY-MM-DD',
    ],
  ];
  for (const [input, field, message] of cases) {
    const res = await gql(CREATE_FACILITY, { input });
    expect({ field, code: codeOf(res), message: res.body.errors?.[0].message }).toEqual({ field, code: 'BAD_USER_INPUT', message });
  }
  const wrongEnum = await gql(CREATE_FACILITY, { input: campus('bad-type', { type: 'CASTLE' }) });
  expect(wrongEnum.status).toBe(400);
  expect(codeOf(wrongEnum)).toBe('BAD_USER_INPUT');
});

test('reportProjectStatus moves the status forward and keeps the texts\u2019 statements apart from the agency\u2019s', async () => {
  const before = await gql('{ project(id: "zhishicheng-nanfang-hospital") { version status statusReports { asOf } } }', {}, null);
  expect(before.body.data.project.status).toBe('PLANNED');
  const res = await gql(
    `mutation($input: ReportProjectStatusInput!) { reportProjectStatus(input: $input) {
      status statusAsOf version statusReports { asOf } reports { asOf status agency source { title } citation { lines } } } }`,
    {
      input: {
        id: 'zhishicheng-nanfang-hospital',
        expectedVersion: before.body.data.project.version,
        status: 'UNDER_CONSTRUCTION',
        asOf: '2026-11',
        text: '主体结构施工中',
        source,
      },
    },
  );
  expect(res.body.errors).toBeUndefined();
  const p = res.body.data.reportProjectStatus;
  expect(p).toMatchObject({ status: 'UNDER_CONSTRUCTION', statusAsOf: '2026-11', version: before.body.data.project.version + 1 });
  expect(p.statusReports).toEqual(before.body.data.project.statusReports);
  expect(p.reports.at(-1)).toEqual({
    asOf: '2026-11',
    status: 'UNDER_CONSTRUCTION',
    agency: 'guangzhou-health-commission',
    source: { title: source.title },
    citation: null,
  });
  const listed = await gql(
    '{ projects(filter: { status: [UNDER_CONSTRUCTION], search: "知识城" }, first: 100) { nodes { id } } }',
    {},
    null,
  );
  expect(listed.body.data.projects.nodes.map((n: { id: string }) => n.id)).toContain('zhishicheng-nanfang-hospital');
});

test('recordObservation reads the value as the seeds do, and the attainment of the target it decides follows', async () => {
  const ATTAINMENT = '{ target(id: "life-expectancy-gz14-2025") { comparator value attainment { status actual } } }';
  const before = await gql(ATTAINMENT, {}, null);
  // Judged as of the latest date the data covers (2025-03-03): the year 2025 had not ended.
  expect(before.body.data.target).toEqual({ comparator: 'GTE', value: 83.6, attainment: { status: 'PENDING', actual: null } });
  // The attainment filter (Guangzhou's life-expectancy targets of 2025) follows each write at once.
  const judged = async () => {
    const lists: Record<string, string[]> = {};
    for (const status of ['MET', 'MISSED', 'PENDING']) {
      const res = await gql(
        `{ targets(filter: { indicatorId: "life-expectancy", regionId: "440100", year: 2025, attainment: [${status}] }, first: 10) { nodes { id } } }`,
        {},
        null,
      );
      lists[status] = res.body.data.targets.nodes.map((n: { id: string }) => n.id);
    }
    return lists;
  };
  expect(await judged()).toEqual({ MET: [], MISSED: [], PENDING: ['life-expectancy-gz14-2025'] });
  const record = (id: string, valueText: string) =>
    gql(`mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id value valueText qualifier version } }`, {
      input: { record: { id, indicatorId: 'life-expectancy', regionId: '440100', period: '2025', valueText }, source },
    });
  const res = await record('life-expectancy-440100-2025', '83.7');
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.recordObservation).toEqual({
    id: 'life-expectancy-440100-2025',
    value: 83.7,
    valueText: '83.7',
    qualifier: null,
    version: 1,
  });
  const after = await gql(ATTAINMENT, {}, null);
  expect(after.body.data.target.attainment).toEqual({ status: 'MET', actual: 83.7 });
  expect(await judged()).toEqual({ MET: ['life-expectancy-gz14-2025'], MISSED: [], PENDING: [] });
  // A target replaced against the same figure is judged anew in the write: 84 is not met by 83.7.
  const replaced = await gql(`mutation($input: SetTargetInput!) { setTarget(input: $input) { version attainment { status gap } } }`, {
    input: {
      record: {
        id: 'life-expectancy-gz14-2025',
        indicatorId: 'life-expectancy',
        regionId: '440100',
        planId: 'gz-health-14th-fyp',
        year: 2025,
        comparator: 'GTE',
        value: 84,
        valueText: '≥84',
        nature: 'EXPECTED',
        section: '表2',
      },
      expectedVersion: 1,
      source,
    },
  });
  expect(replaced.body.data.setTarget).toEqual({ version: 2, attainment: { status: 'MISSED', gap: -0.3 } });
  expect(await judged()).toEqual({ MET: [], MISSED: ['life-expectancy-gz14-2025'], PENDING: [] });
  const bound = await record('life-expectancy-440200-bound-test', '＞95');
  expect(bound.body.data.recordObservation).toMatchObject({ value: 95, qualifier: 'GT' });
  const unknownIndicator = await gql(`mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }`, {
    input: {
      record: { id: 'no-such-indicator-obs', indicatorId: 'no-such-indicator', regionId: '440100', period: '2025', valueText: '1' },
      source,
    },
  });
  expect(unknownIndicator.body.errors?.[0].message).toBe('input.indicatorId: no Indicator has id "no-such-indicator"');
  const unknownRegion = await gql(`mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }`, {
    input: {
      record: { id: 'no-such-region-obs', indicatorId: 'life-expectancy', regionId: '440199', period: '2025', valueText: '1' },
      source,
    },
  });
  expect(unknownRegion.body.errors?.[0]).toMatchObject({
    message: 'input.regionId: no Region has id "440199". Use a GB/T 2260 code such as 440100, or an area slug.',
    extensions: { code: 'BAD_USER_INPUT', field: 'input.regionId' },
  });
});

test('the region names are read where they are served beside keys or checked in writes or arguments, and nowhere else', () => {
  // facilities provides Region.name; indicators' observations and targets are written with a regionId;
  // search refuses a `within` no region has without a statement; officials' writable people and
  // posts point at no region; regions holds them.
  const read = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.regions.nameOf('440115') ?? null]));
  expect(read).toEqual({ regions: null, facilities: '南沙区', indicators: '南沙区', officials: null, search: '南沙区' });
});

test('createPerson and recordPost: a post is judged by its organization\u2019s region', async () => {
  const person = await gql(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { id name version } }`, {
    input: { record: { id: 'test-official-zhang', name: '张测试' }, source },
  });
  expect(person.body.errors).toBeUndefined();
  const post = (organizationId: string) =>
    gql(`mutation($input: RecordPostInput!) { recordPost(input: $input) { id titles isHead person { name } organization { name } } }`, {
      input: {
        record: {
          id: `test-post-${organizationId}`,
          personId: 'test-official-zhang',
          organizationId,
          titles: ['副主任'],
          isHead: false,
          asOf: '2026-11-30',
        },
        source,
      },
    });
  const ours = await post('guangzhou-health-commission');
  expect(ours.body.errors).toBeUndefined();
  expect(ours.body.data.recordPost).toMatchObject({
    titles: ['副主任'],
    person: { name: '张测试' },
    organization: { name: '广州市卫生健康委员会' },
  });
  const theirs = await post('shenzhen-health-commission');
  expect(codeOf(theirs)).toBe('FORBIDDEN');
});

/** Asks until the answer satisfies `done` or the time is up; the search index follows writes within about a second. */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean, withinMs = 10_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await ask();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a facility an agency creates is found by search, in Chinese, pinyin and English, without a restart', async () => {
  const res = await gql(CREATE_FACILITY, {
    input: campus('huangpu-test-eye-hospital', { name: '黄埔测试眼科医院', nameEn: 'Huangpu Test Eye Hospital', regionId: '440112' }),
  });
  expect(res.body.errors).toBeUndefined();
  const found = (text: string) =>
    eventually(
      () => gql(`{ search(text: "${text}", first: 3) { matchedField node { __typename ... on Facility { id name version } } } }`, {}, null),
      (r) => r.body.data?.search?.some((h: any) => h.node.id === 'huangpu-test-eye-hospital'),
    );
  for (const [text, field] of [
    ['黄埔测试眼科', 'NAME'],
    ['huangpuceshiyanke', 'PINYIN'],
    ['Huangpu Test Eye', 'NAME_EN'],
  ]) {
    const hits = (await found(text)).body.data.search;
    expect(hits[0]).toEqual({
      matchedField: field,
      node: { __typename: 'Facility', id: 'huangpu-test-eye-hospital', name: '黄埔测试眼科医院', version: 1 },
    });
  }
});

test('a designation an agency creates is found by search without a restart, like the facilities', async () => {
  const res = await gql(`mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id version } }`, {
    input: {
      record: {
        id: 'gz-test-search-centre',
        kind: 'NATIONAL_MEDICAL_CENTER',
        name: '国家搜索测试医学中心',
        hostId: 'gz-cdc',
        status: 'DESIGNATED',
        regionId: '440100',
      },
      source,
    },
  });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.createDesignation).toEqual({ id: 'gz-test-search-centre', version: 1 });
  const SEARCH = `{ search(text: "搜索测试医学", first: 3) { matchedField matchedText node { __typename ... on Designation { id name host { id } } } } }`;
  const found = await eventually(
    () => gql(SEARCH, {}, null),
    (r) => r.body.data?.search?.length > 0,
  );
  expect(found.body.data.search).toEqual([
    {
      matchedField: 'NAME',
      matchedText: '国家搜索测试医学中心',
      node: { __typename: 'Designation', id: 'gz-test-search-centre', name: '国家搜索测试医学中心', host: { id: 'gz-cdc' } },
    },
  ]);
});

test("a list filter's search sees a write at once: the trigram index follows inserts and renames", async () => {
  const byName = async (text: string) => {
    const r = await gql(`{ facilities(filter: { search: "${text}" }, first: 5) { totalCount nodes { id } } }`, {}, null);
    expect(r.body.errors).toBeUndefined();
    return r.body.data.facilities;
  };
  expect(await byName('白云测试口腔')).toEqual({ totalCount: 0, nodes: [] });
  const created = await gql(CREATE_FACILITY, {
    input: campus('baiyun-test-dental-hospital', { name: '白云测试口腔医院', regionId: '440111' }),
  });
  expect(created.body.errors).toBeUndefined();
  expect(await byName('白云测试口腔')).toEqual({ totalCount: 1, nodes: [{ id: 'baiyun-test-dental-hospital' }] });
  expect(await byName('baiyunceshikouqiang')).toEqual({ totalCount: 1, nodes: [{ id: 'baiyun-test-dental-hospital' }] });
  const renamed = await gql(UPDATE_FACILITY, {
    input: { id: 'baiyun-test-dental-hospital', expectedVersion: 1, changes: { name: '白云改名牙科医院' }, source },
  });
  expect(renamed.body.errors).toBeUndefined();
  expect(await byName('白云测试口腔')).toEqual({ totalCount: 0, nodes: [] });
  expect(await byName('白云改名牙科')).toEqual({ totalCount: 1, nodes: [{ id: 'baiyun-test-dental-hospital' }] });
});

test('changes(since, types) lists the writes in order, pages with a cursor, and resolves each record', async () => {
  const start = new Date().toISOString();
  await gql(CREATE_FACILITY, { input: campus('feed-test-campus-a') });
  await gql(CREATE_FACILITY, { input: campus('feed-test-campus-b') });
  await gql(UPDATE_FACILITY, { input: { id: 'feed-test-campus-a', expectedVersion: 1, changes: { aliases: ['甲院区'] }, source } });
  const FEED = `query($since: String, $after: String) { changes(since: $since, types: ["Facility"], first: 2, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { operation agency typeName recordId version entity { ... on Facility { aliases version } } } } }`;
  const first = await eventually(
    () => gql(FEED, { since: start }, null),
    (r) => r.body.data?.changes?.totalCount === 3,
  );
  expect(first.body.errors).toBeUndefined();
  expect(first.body.data.changes.nodes).toEqual([
    {
      operation: 'createFacility',
      agency: 'guangzhou-health-commission',
      typeName: 'Facility',
      recordId: 'feed-test-campus-a',
      version: 1,
      entity: { aliases: ['甲院区'], version: 2 },
    },
    {
      operation: 'createFacility',
      agency: 'guangzhou-health-commission',
      typeName: 'Facility',
      recordId: 'feed-test-campus-b',
      version: 1,
      entity: { aliases: [], version: 1 },
    },
  ]);
  expect(first.body.data.changes.pageInfo.hasNextPage).toBe(true);
  const next = await gql(FEED, { since: start, after: first.body.data.changes.pageInfo.endCursor }, null);
  expect(next.body.data.changes.nodes.map((n: any) => [n.operation, n.recordId, n.version])).toEqual([
    ['updateFacility', 'feed-test-campus-a', 2],
  ]);
  expect(next.body.data.changes.pageInfo.hasNextPage).toBe(false);
  const bad = await gql('{ changes(since: "yesterday") { totalCount } }', {}, null);
  expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  const badType = await gql('{ changes(types: ["Hospital"]) { totalCount } }', {}, null);
  expect(badType.body.errors?.[0].message).toMatch(/^"types" names no type the graph has: Hospital\./);
  // A variable may repeat a type 50,000 times (under the body limit): one bound parameter, the same count as once.
  const TYPED = 'query($types: [String!]) { changes(types: $types) { totalCount } }';
  const once = await gql(TYPED, { types: ['Facility'] }, null);
  const repeated = await gql(TYPED, { types: Array.from({ length: 50_000 }, () => 'Facility') }, null);
  expect(repeated.body.errors).toBeUndefined();
  expect(repeated.body.data.changes.totalCount).toBe(once.body.data.changes.totalCount);
  const manyUnknown = await gql(TYPED, { types: Array.from({ length: 20_000 }, (_, i) => `T${i}`) }, null);
  expect(codeOf(manyUnknown)).toBe('BAD_USER_INPUT');
  expect(manyUnknown.body.errors?.[0].message).toMatch(/^"types" names no type the graph has: T0, T1, T2, T3, T4 and 19995 more\. Use /);
  // The seed load is the feed's beginning: a mirror starts from an empty cursor.
  const all = await gql('{ changes(first: 1) { totalCount nodes { operation agency } } }', {}, null);
  expect(all.body.data.changes.nodes).toEqual([{ operation: 'seed', agency: null }]);
});

test('a field whose rule takes null is written as null: a designation held by a city, a figure the text gives no number for', async () => {
  const designation = await gql(
    `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id hostId: host { id } status version } }`,
    {
      input: {
        record: {
          id: 'gz-test-city-title',
          kind: 'NATIONAL_INFANT_CARE_DEMO_CITY',
          name: '测试示范城市',
          hostId: null,
          status: 'DESIGNATED',
          regionId: '440100',
        },
        source,
      },
    },
  );
  expect(designation.body.errors).toBeUndefined();
  expect(designation.body.data.createDesignation).toEqual({ id: 'gz-test-city-title', hostId: null, status: 'DESIGNATED', version: 1 });
  const figure = await gql(`mutation($input: RecordObservationInput!) { recordObservation(input: $input) { value valueText qualifier } }`, {
    input: {
      record: {
        id: 'life-expectancy-440100-2026-none',
        indicatorId: 'life-expectancy',
        regionId: '440100',
        period: '2026',
        valueText: '—',
      },
      source,
    },
  });
  expect(figure.body.errors).toBeUndefined();
  expect(figure.body.data.recordObservation).toEqual({ value: null, valueText: '—', qualifier: null });
});

test('updatedSince on a root list: only what was written since, and a time that is none is refused', async () => {
  const since = new Date().toISOString();
  await gql(CREATE_FACILITY, { input: campus('updated-since-campus') });
  const res = await gql(
    'query($since: String) { facilities(updatedSince: $since, first: 100) { totalCount nodes { id } } }',
    { since },
    null,
  );
  expect(res.body.data.facilities).toEqual({ totalCount: 1, nodes: [{ id: 'updated-since-campus' }] });
  const bad = await gql('{ facilities(updatedSince: "last week") { totalCount } }', {}, null);
  expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  expect(bad.body.errors![0].message).toBe(
    '"updatedSince" must be an ISO 8601 date or time such as "2026-12-01" or "2026-12-01T08:00:00Z"; got "last week".',
  );
  // Computed lists filter the same way.
  const targets = await gql('query($since: String) { targets(updatedSince: $since) { totalCount } }', { since }, null);
  expect(targets.body.data.targets.totalCount).toBe(0);
});

test("a subgraph's change feed refuses a position or batch size that is none", async () => {
  const feed = stack.subgraphs.facilities.url.replace(/\/graphql$/, '/_changes');
  for (const [query, message] of [
    ['after=-1', '"after" must be a sequence number in decimal digits, from 0 to 9007199254740991; got "-1".'],
    ['after=x', '"after" must be a sequence number in decimal digits, from 0 to 9007199254740991; got "x".'],
    ['limit=0', '"limit" must be a batch size in decimal digits, from 1 to 500; got "0".'],
    ['limit=501', '"limit" must be a batch size in decimal digits, from 1 to 500; got "501".'],
  ]) {
    const res = await fetch(`${feed}?${query}`);
    const parameter = query.split('=')[0];
    expect({ query, status: res.status, body: await res.json() }).toEqual({
      query,
      status: 400,
      body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', parameter } }] },
    });
  }
  const post = await fetch(feed, { method: 'POST' });
  expect(post.status).toBe(405);
  const first = (await (await fetch(`${feed}?after=0&limit=2`)).json()) as { changes: { seq: number; operation: string }[] };
  expect(first.changes.map((c) => [c.seq, c.operation])).toEqual([
    [1, 'seed'],
    [2, 'seed'],
  ]);
});
