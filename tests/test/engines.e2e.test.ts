import path from 'node:path';
import { postGraphQL, REPO_ROOT, type SubgraphName } from '@hsg/core';
import {
  scratchDatabase,
  searchColumnsOf,
  searchCondition,
  startSubgraph,
  whereSearch,
  type BaseContext,
  type RunningSubgraph,
  type ScratchDatabase,
  type SubgraphOptions,
} from '@hsg/framework';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { subgraph as facilities } from '@hsg/facilities';
import { subgraph as search } from '@hsg/search';
import { facilityQuery, projectQuery, type FacilityFilter, type ProjectFilter } from '../../services/facilities/src/filters';
import { meetingQuery, organizationQuery, type MeetingFilter, type OrganizationFilter } from '../../services/officials/src/filters';
import { startStack, urlsOf, type Stack } from './stack';

// The suite runs twice, on SQLite and on PostgreSQL (TEST_DATABASE_URL; its test server's default
// collation is ICU zh-Hans, which sorts "a-b" before "aa" and Chinese by pinyin). The same exact
// answers on both runs show that no order depends on the engine or the server's locale.
const onPostgres = process.env.TEST_DATABASE_URL ? test : test.skip;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const ask = async (query: string) => {
  const body = await postGraphQL(stack.gateway.url, query);
  expect(body.errors).toBeUndefined();
  return body.data;
};

test('lists come in the same exact order on every engine: ids, then dates with ties broken by id', async () => {
  const data = await ask('{ facilities(first: 6) { nodes { id } } meetings(first: 5) { nodes { id date } } }');
  expect(data.facilities.nodes.map((n: { id: string }) => n.id)).toEqual([
    'baiyun-cdc',
    'baiyun-public-health-hospital',
    'bio-island-laboratory',
    'conghua-tcm-hospital',
    'cuhk-shenzhen-hospital',
    'dongguan-peoples-hospital',
  ]);
  expect(data.meetings.nodes).toEqual([
    { date: '2025', id: 'gd-ageing-health-conference-2025' },
    { date: '2025', id: 'gd-medical-admin-primary-care-conference-2025' },
    { date: '2025', id: 'gd-occupational-disease-group-plenary-2025' },
    { date: '2025', id: 'huizhou-health-work-conference-2025' },
    { date: '2025-01-22', id: 'gd-health-work-conference-2025' },
  ]);
});

test('text compares in code-point order on every engine, Chinese names included', async () => {
  // Under the PostgreSQL test server's zh-Hans collation, 广州 would sort by pinyin (after 北京).
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const [subgraph, table] of [
    ['facilities', 'facility'],
    ['regions', 'region'],
    ['officials', 'organization'],
  ] as const) {
    const rows = (await stack.subgraphs[subgraph].dataSource.query(`SELECT name FROM ${table} ORDER BY name, id`)) as { name: string }[];
    expect(rows.length).toBeGreaterThan(20);
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...names].sort(byCodePoint));
  }
});

// The list filters' `search` (projects, regions, …) and the trigram index behind it.
const SEARCHED = [
  ['facilities', 'Project', 'project'],
  ['regions', 'Region', 'region'],
] as const;

function searchQuery(dataSource: DataSource, entityName: string, text: string, indexed: boolean) {
  const metadata = dataSource.getMetadata(entityName);
  const qb = dataSource.getRepository<ObjectLiteral>(entityName).createQueryBuilder('e').select('e.id', 'id').orderBy('e.id', 'ASC');
  if (indexed) return whereSearch(qb, metadata.target as Function, text);
  return qb.andWhere(...searchCondition('e', searchColumnsOf(metadata.target as Function), text));
}

/** The plan of a statement; on PostgreSQL with the given plan kinds turned off, to ask whether an index can serve at all. */
async function planOf(dataSource: DataSource, sql: string, parameters: unknown[], disabled = ['enable_seqscan']): Promise<string> {
  if (dataSource.options.type === 'sqlite') {
    const plan = (await dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, parameters)) as { detail: string }[];
    return plan.map((r) => r.detail).join('\n');
  }
  // At 1× the tables are small enough that a scan is cheaper; the test asks whether the index serves.
  const runner = dataSource.createQueryRunner();
  try {
    for (const setting of disabled) await runner.query(`SET ${setting} = off`);
    const plan = (await runner.query(`EXPLAIN ${sql}`, parameters)) as { 'QUERY PLAN': string }[];
    return plan.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    for (const setting of disabled) await runner.query(`RESET ${setting}`);
    await runner.release();
  }
}

// The region-scoped lists as their resolvers build them: "within region X" must come off an index
// in the list's own order, so a page reads its rows rather than sorting the whole region. Built by
// the lists' own query functions, so a list whose order parts from its scope index's (named in the
// index's migration) fails here.
const SCOPED: [SubgraphName, (ctx: BaseContext, regionId: string) => SelectQueryBuilder<ObjectLiteral>][] = [
  ['facilities', (ctx, regionId) => projectQuery(ctx, { regionId } as ProjectFilter)],
  ['facilities', (ctx, regionId) => facilityQuery(ctx, { regionId } as FacilityFilter)],
  ['officials', (ctx, regionId) => organizationQuery(ctx, { regionId } as OrganizationFilter)],
  ['officials', (ctx, regionId) => meetingQuery(ctx, { regionId } as MeetingFilter)],
];

test('"within a region" is served in list order by a scope index on every engine, for a province, a city and a county', async () => {
  for (const [subgraph, listQuery] of SCOPED) {
    const { dataSource, regions } = stack.subgraphs[subgraph];
    for (const [regionId, digits] of [
      ['440000', 2],
      ['440100', 4],
      ['440115', 6],
    ] as const) {
      const list = listQuery({ dataSource, regions } as BaseContext, regionId);
      const table = list.expressionMap.mainAlias!.metadata.tableName;
      const qb = list.select(`${list.alias}.id`, 'id').limit(11);
      const [sql, parameters] = qb.getQueryAndParameters();
      // On PostgreSQL a sort stays possible but priced out: the plan shows whether the index gives the order.
      const plan = await planOf(dataSource, sql, parameters, ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']);
      if (dataSource.options.type === 'sqlite') {
        expect(plan).toMatch(new RegExp(`USING (COVERING )?INDEX ${table}_scope${digits} `));
        expect(plan).not.toContain('TEMP B-TREE');
      } else {
        expect(plan).toMatch(new RegExp(`Index (Only )?Scan using ${table}_scope${digits} `));
        expect(plan).not.toMatch(/Sort/);
      }
    }
  }
});

test("a list filter's search of three characters or more is served by a trigram index on every engine", async () => {
  for (const [subgraph, entityName, table] of SEARCHED) {
    const dataSource = stack.subgraphs[subgraph].dataSource;
    // The count behind totalCount: with an order, PostgreSQL may walk the primary key instead.
    const count = searchQuery(dataSource, entityName, '人民医院', true).select('COUNT(*)', 'n').orderBy();
    const [sql, parameters] = count.getQueryAndParameters();
    const plan = await planOf(dataSource, sql, parameters);
    if (dataSource.options.type === 'sqlite') expect(plan).toMatch(new RegExp(`SCAN ${table}_trgm VIRTUAL TABLE INDEX`));
    else expect(plan).toMatch(new RegExp(`Bitmap Index Scan on ${table}_name_trgm`));
  }
});

// Every table behind a list filter's `search`.
const TRIGRAM_TABLES = [
  ['facilities', 'Facility', 'facility'],
  ['facilities', 'Project', 'project'],
  ['facilities', 'Designation', 'designation'],
  ['indicators', 'Indicator', 'indicator'],
  ['officials', 'Organization', 'organization'],
  ['officials', 'Person', 'person'],
  ['regions', 'Region', 'region'],
] as const;

test("every list filter's searched columns have their trigram index, on every engine", async () => {
  // A column added to a searched entity needs a migration that widens the index (see trigramIndex).
  for (const [subgraph, entityName, table] of TRIGRAM_TABLES) {
    const dataSource = stack.subgraphs[subgraph].dataSource;
    const expected = [...searchColumnsOf(dataSource.getMetadata(entityName).target as Function), 'pinyin'];
    const indexed =
      dataSource.options.type === 'sqlite'
        ? ((await dataSource.query(`PRAGMA table_info("${table}_trgm")`)) as { name: string }[]).map((c) => c.name)
        : (
            (await dataSource.query(
              `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND indexname LIKE '%\\_trgm' ORDER BY indexname`,
              [table],
            )) as { indexname: string }[]
          ).map((r) => r.indexname.slice(table.length + 1, -'_trgm'.length));
    expect({ table, columns: [...indexed].sort() }).toEqual({ table, columns: [...expected].sort() });
  }
});

test("every list filter's searched columns are watched by its gram index's update trigger, and the index is filled, on every engine", async () => {
  // A column added to a searched entity needs a migration that widens the gram index too (see gramIndex).
  for (const [subgraph, entityName, table] of TRIGRAM_TABLES) {
    const dataSource = stack.subgraphs[subgraph].dataSource;
    const expected = [...searchColumnsOf(dataSource.getMetadata(entityName).target as Function), 'pinyin'];
    const watched =
      dataSource.options.type === 'sqlite'
        ? [
            ...(
              (await dataSource.query(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, [`${table}_gram_set`])) as {
                sql: string;
              }[]
            )[0].sql
              .match(/UPDATE OF (.*?) ON/)![1]
              .matchAll(/"(\w+)"/g),
          ].map((m) => m[1])
        : (
            (await dataSource.query(
              `SELECT event_object_column AS c FROM information_schema.triggered_update_columns WHERE trigger_schema = current_schema() AND trigger_name = $1`,
              [`${table}_gram_set`],
            )) as { c: string }[]
          ).map((r) => r.c);
    expect({ table, columns: [...watched].sort() }).toEqual({ table, columns: [...expected].sort() });
    const [{ n }] = (await dataSource.query(`SELECT COUNT(*) AS n FROM "${table}_gram"`)) as { n: number | string }[];
    expect({ table, grams: Number(n) > 0 }).toEqual({ table, grams: true });
  }
});

test("a list filter's search finds through the index exactly what a scan of every row finds, short text included", async () => {
  // Chinese, pinyin (full and initials), English in any case, 1–2 characters (no trigram: a
  // scan), LIKE's wildcards and FTS5's quote and operators taken literally.
  const inputs = [
    '人民医院',
    '医院',
    '区',
    'nansha',
    'NanSha',
    'nsq',
    'Guangzhou',
    'Baiyun Lake',
    '广州市',
    '100%',
    'a_b',
    '"医院" OR *',
    'zh',
    // One or two characters through the gram index, and those it leaves to the scan: full-width
    // "Ａ" is "a" to the pinyin half, "医·" is "医"; "（" has no letter for the pinyin half to find.
    '南沙',
    '中心',
    '中',
    '湖',
    'Ａ',
    '医·',
    '（',
  ];
  for (const [subgraph, entityName] of SEARCHED) {
    const dataSource = stack.subgraphs[subgraph].dataSource;
    let found = 0;
    for (const text of inputs) {
      const scan = (await searchQuery(dataSource, entityName, text, false).getRawMany()).map((r) => r.id);
      const indexed = (await searchQuery(dataSource, entityName, text, true).getRawMany()).map((r) => r.id);
      expect({ entityName, text, ids: indexed }).toEqual({ entityName, text, ids: scan });
      found += scan.length;
    }
    expect(found).toBeGreaterThan(10);
  }
  const data = await ask(
    '{ regions(filter: { search: "白云湖" }) { nodes { id name } } projects(filter: { search: "人民医院" }, first: 3) { totalCount } }',
  );
  expect(data.regions.nodes.length).toBeGreaterThan(0);
  expect(data.regions.nodes.every((n: { name: string }) => n.name.includes('白云湖'))).toBe(true);
});

test("a list filter's search of one or two Chinese characters gives the seeds' exact answers, paged and filtered, on every engine", async () => {
  const LIST = `query($s: String!, $a: String) {
    projects(filter: { search: $s }, first: 4, after: $a) { totalCount nodes { id } pageInfo { endCursor } }
    facilities(filter: { search: $s }, first: 4) { totalCount nodes { id } }
    regions(filter: { search: $s }, first: 4) { totalCount nodes { id } } }`;
  const list = async (s: string, a?: string) => (await postGraphQL(stack.gateway.url, LIST, { s, a })).data;
  const answer = (data: Record<string, { totalCount: number; nodes: { id: string }[] }>) =>
    Object.fromEntries(Object.entries(data).map(([k, v]) => [k, [v.totalCount, ...v.nodes.map((n) => n.id)]]));
  // Best match first (a name starting with the text before one holding it), then by id.
  const hospitals = await list('医院');
  expect(answer(hospitals)).toEqual({
    projects: [
      90,
      'gd-ward-renovation-2025',
      'baiyun-public-health-hospital',
      'clinical-characteristic-tcm-specialty-hospitals',
      'clinical-research-tcm-hospitals',
    ],
    facilities: [77, 'baiyun-public-health-hospital', 'conghua-tcm-hospital', 'cuhk-shenzhen-hospital', 'dongguan-peoples-hospital'],
    regions: [1, '320682408'],
  });
  expect(answer(await list('南沙'))).toEqual({
    projects: [
      7,
      'nansha-blood-station',
      'nansha-national-health-medical-tourism-base',
      'gd-provincial-tcm-hospital-nansha',
      'gmu-cancer-hospital-nansha-campus',
    ],
    facilities: [6, 'nansha-blood-station', 'gd-provincial-tcm-hospital-nansha', 'gmu-cancer-hospital-nansha', 'gz-women-children-nansha'],
    regions: [6, '440115', '440115001', '532528101', '460322'],
  });
  expect(answer(await list('中'))).toMatchObject({
    projects: [
      165,
      'chinese-medicinal-materials-testing-center',
      'gz-sino-uk-gp-training-demo-bases',
      'gz-tcm-preventive-care-upgrade-programme',
      'sino-singapore-guangzhou-knowledge-city',
    ],
    facilities: [
      69,
      'sysu-cancer-medical-science-center',
      'sysu-fifth-affiliated-hospital',
      'sysu-first-affiliated-hospital',
      'sysu-first-affiliated-hospital-nansha',
    ],
  });
  // The next page continues the order, and the pages hold the scan's rows.
  const scan = (await searchQuery(stack.subgraphs.facilities.dataSource, 'Project', '医院', false).getRawMany()).map((r) => r.id);
  const all = (await ask('{ projects(filter: { search: "医院" }, first: 100) { nodes { id } } }')).projects.nodes.map(
    (n: { id: string }) => n.id,
  );
  expect([...all].sort()).toEqual(scan);
  const next = await list('医院', hospitals.projects.pageInfo.endCursor);
  expect(answer(next).projects).toEqual([90, ...all.slice(4, 8)]);
  // With another filter the gram lookup is one condition among the others: the scan's rows still.
  const filtered = (await ask('{ projects(filter: { search: "医院", status: [PLANNED] }, first: 100) { totalCount nodes { id } } }'))
    .projects;
  const planned = searchQuery(stack.subgraphs.facilities.dataSource, 'Project', '医院', false).andWhere("e.status = 'PLANNED'");
  const expected = (await planned.getRawMany()).map((r) => r.id);
  expect(expected.length).toBe(75);
  expect(filtered.totalCount).toBe(75);
  expect(filtered.nodes.map((n: { id: string }) => n.id).sort()).toEqual(expected);
});

test("a list filter's search of one or two characters finds its rows by the gram index and counts them from it alone, on every engine", async () => {
  const facilities = stack.subgraphs.facilities;
  const dataSource = facilities.dataSource;
  facilities.counter.reset();
  await ask('{ projects(filter: { search: "医院" }, first: 10) { totalCount nodes { id } } }');
  // The page, its rows and the count in one statement: the page's ids from the gram index, their
  // rows by primary key (ranked by how well their names match), the count from the gram index alone.
  const [page] = facilities.counter.statements.filter((q) => /UNION ALL/.test(q));
  expect(page).toMatch(/FROM "project_gram" "p" WHERE/);
  // The page binds the text for the relevance keys (in the select and the order) and the gram; the count the gram.
  const bound = searchQuery(dataSource, 'Project', '医院', true).getParameters();
  const sqlite = dataSource.options.type === 'sqlite';
  // In the order the relevance keys compare them: the name whole, an alias whole, the pinyin; then as prefixes.
  const relevance = [
    bound.searchExact,
    bound.searchElement,
    bound.pinyinExact,
    bound.searchPrefix,
    bound.searchElementStart,
    bound.pinyinPrefix,
  ];
  const plan = await planOf(
    dataSource,
    page,
    sqlite ? [...relevance, bound.searchGram, ...relevance, bound.searchGram] : [...relevance, bound.searchGram],
  );
  // The count behind totalCount of a search with another condition: the gram lookup serves it too.
  const count = searchQuery(dataSource, 'Project', '医院', true)
    .andWhere('e.status = :s', { s: 'PLANNED' })
    .select('COUNT(*)', 'n')
    .orderBy();
  const filtered = await planOf(dataSource, ...count.getQueryAndParameters());
  if (dataSource.options.type === 'sqlite') {
    // The gram index for the page's ids and, under the list's alias (p), for the count; the only
    // scans are of the branches' results and of their union, whose page ids find their rows by primary key.
    expect(plan).toMatch(/SEARCH project_gram USING PRIMARY KEY \(gram=\?\)/);
    expect(plan).toMatch(/SEARCH p USING PRIMARY KEY \(gram=\?\)/);
    expect(plan.split('\n').filter((line) => line.startsWith('SCAN'))).toEqual(['SCAN p0', 'SCAN c0', 'SCAN pages']);
    expect(plan).toMatch(/SEARCH pageRows USING INDEX sqlite_autoindex_project_1 \(id=\?\) LEFT-JOIN/);
    expect(filtered).toMatch(/SEARCH project_gram USING PRIMARY KEY \(gram=\?\)/);
  } else {
    // The page's ids and the count by the gram index (read as a bitmap where the planner likes: the same index).
    expect(plan).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) project_gram_pkey/);
    expect(plan).toMatch(/Index Scan using "PK_\w+" on project p /);
    // The rows by the table's primary key (TypeORM names it PK_<hash>).
    expect(plan).toMatch(/Index Scan using "PK_\w+" on project "pageRows"/);
    expect(plan).not.toMatch(/Seq Scan/);
    // With the tables analyzed after the seed load the planner may read the lookup as a bitmap: the same index.
    expect(filtered).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) project_gram_pkey/);
  }
});

/** One subgraph over the real seeds on SQLite and on a scratch PostgreSQL database, both stopped afterwards. */
async function onBothEngines(
  def: Parameters<typeof startSubgraph>[0],
  use: (sqlite: RunningSubgraph, postgres: RunningSubgraph) => Promise<void>,
  peers: SubgraphOptions['peers'] = {},
) {
  const seedsDir = path.join(REPO_ROOT, 'seeds');
  let sqlite: RunningSubgraph | undefined;
  let postgres: RunningSubgraph | undefined;
  let scratch: ScratchDatabase | undefined;
  try {
    scratch = await scratchDatabase();
    sqlite = await startSubgraph(def, { dataDir: ':memory:', seedsDir, port: 0, peers });
    postgres = await startSubgraph(def, { dataDir: ':memory:', databaseUrl: scratch.databaseUrl, seedsDir, port: 0, peers });
    await use(sqlite, postgres);
  } finally {
    await sqlite?.stop();
    await postgres?.stop();
    await scratch?.drop();
  }
}

onPostgres("list filters' short searches give the same answers on SQLite and PostgreSQL", () =>
  onBothEngines(facilities, async (sqlite, postgres) => {
    const inputs = ['医院', '南沙', '中', '中心', '市', '区', '（', 'Ａ', '医·', '心'];
    let found = 0;
    for (const text of inputs) {
      const query = `{ projects(filter: { search: ${JSON.stringify(text)} }, first: 100) { totalCount nodes { id } }
        facilities(filter: { search: ${JSON.stringify(text)} }, first: 100) { totalCount nodes { id } }
        designations(filter: { search: ${JSON.stringify(text)} }, first: 100) { totalCount nodes { id } } }`;
      const [a, b] = await Promise.all([postGraphQL(sqlite.url, query), postGraphQL(postgres.url, query)]);
      expect(a.errors).toBeUndefined();
      expect({ text, data: b.data }).toEqual({ text, data: a.data });
      found += a.data.projects.totalCount + a.data.facilities.totalCount + a.data.designations.totalCount;
    }
    // The ten texts' totals over projects, facilities and designations on the real seeds.
    expect(found).toBe(1834);
  }),
);

onPostgres('search gives the same hits in the same order on SQLite and PostgreSQL', async () => {
  // Both indexes are fed by the same owners (a stack's), as the search subgraph always is.
  const owners = await startStack();
  try {
    await onBothEngines(
      search,
      async (sqlite, postgres) => {
        const inputs = [
          '南沙',
          'nansha',
          'nsq',
          '广州',
          'Guangzhou',
          '卫生健康委员会',
          '人民医院',
          'gz',
          'zhongshan',
          '中医',
          // Several words (each must match), aliases, and the designations, meetings and plans.
          'Shenzhen health commission',
          'Municipal Health Commission',
          'commission health of',
          '深圳 卫生',
          '托育',
          '国家呼吸医学中心',
          '工作会议',
          '十四五',
        ];
        for (const text of inputs) {
          const query = `{ search(text: ${JSON.stringify(text)}, first: 20) { score matchedField node { __typename ... on Region { id } ... on Facility { id } ... on Project { id } ... on Indicator { id } ... on Organization { id } ... on Person { id } ... on Designation { id } ... on Meeting { id } ... on Plan { id } } } }`;
          const [a, b] = await Promise.all([postGraphQL(sqlite.url, query), postGraphQL(postgres.url, query)]);
          expect(a.errors).toBeUndefined();
          expect(a.data.search.length).toBeGreaterThan(0);
          expect({ text, hits: b.data.search }).toEqual({ text, hits: a.data.search });
        }
      },
      urlsOf(owners.subgraphs),
    );
  } finally {
    await owners.stop();
  }
});
