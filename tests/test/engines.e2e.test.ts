import path from 'node:path';
import {
  postGraphQL,
  RegionScope,
  REPO_ROOT,
  scratchDatabase,
  searchColumnsOf,
  searchCondition,
  startSubgraph,
  whereSearch,
  type RunningSubgraph,
  type ScratchDatabase,
} from '@hsg/common';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { subgraph as search } from '@hsg/search';
import { startStack, type Stack } from './stack';

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

// The region-scoped lists and their order: "within region X" must come off an index in that
// order, so a page reads its rows rather than sorting the whole region.
const SCOPED = [
  ['facilities', 'Project', ['id']],
  ['facilities', 'Facility', ['id']],
  ['officials', 'Organization', ['id']],
  ['officials', 'Meeting', ['date', 'id']],
] as const;

test('"within a region" is served in list order by a scope index on every engine, for a province, a city and a county', async () => {
  for (const [subgraph, entityName, order] of SCOPED) {
    const dataSource = stack.subgraphs[subgraph].dataSource;
    const table = dataSource.getMetadata(entityName).tableName;
    for (const [regionId, digits] of [
      ['440000', 2],
      ['440100', 4],
      ['440115', 6],
    ] as const) {
      const qb = dataSource.getRepository<ObjectLiteral>(entityName).createQueryBuilder('e').select('e.id', 'id').limit(11);
      order.forEach((key) => qb.addOrderBy(`e.${key}`, 'ASC'));
      new RegionScope().whereWithinAny(qb, 'e.regionId', [regionId]);
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

test("every list filter's searched columns have their trigram index, on every engine", async () => {
  // A column added to a searched entity needs a migration that widens the index (see trigramIndex).
  const tables = [
    ['facilities', 'Facility', 'facility'],
    ['facilities', 'Project', 'project'],
    ['facilities', 'Designation', 'designation'],
    ['indicators', 'Indicator', 'indicator'],
    ['officials', 'Organization', 'organization'],
    ['officials', 'Person', 'person'],
    ['regions', 'Region', 'region'],
  ] as const;
  for (const [subgraph, entityName, table] of tables) {
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

onPostgres('search gives the same hits in the same order on SQLite and PostgreSQL', async () => {
  const seedsDir = path.join(REPO_ROOT, 'seeds');
  let sqlite: RunningSubgraph | undefined;
  let postgres: RunningSubgraph | undefined;
  let scratch: ScratchDatabase | undefined;
  try {
    scratch = await scratchDatabase();
    sqlite = await startSubgraph(search, { dataDir: ':memory:', seedsDir, port: 0 });
    postgres = await startSubgraph(search, { dataDir: ':memory:', databaseUrl: scratch.databaseUrl, seedsDir, port: 0 });
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
  } finally {
    await sqlite?.stop();
    await postgres?.stop();
    await scratch?.drop();
  }
});
