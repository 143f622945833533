import path from 'node:path';
import { postGraphQL, REPO_ROOT, scratchDatabase, startSubgraph, type RunningSubgraph, type ScratchDatabase } from '@hsg/common';
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

test('"within a region" (a code-prefix range) is served by an index on every engine', async () => {
  const facilities = stack.subgraphs.facilities.dataSource;
  const range = `SELECT id FROM project WHERE "regionId" >= '4401' AND "regionId" < '4402'`;
  if (facilities.options.type === 'sqlite') {
    const plan = (await facilities.query(`EXPLAIN QUERY PLAN ${range}`)) as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX .*\(regionId>\? AND regionId<\?\)/);
    return;
  }
  const runner = facilities.createQueryRunner();
  try {
    await runner.query('SET enable_seqscan = off');
    const plan = (await runner.query(`EXPLAIN ${range}`)) as { 'QUERY PLAN': string }[];
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    expect(text).toContain('Index Cond');
  } finally {
    await runner.query('RESET enable_seqscan');
    await runner.release();
  }
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
