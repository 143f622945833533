import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SUBGRAPHS, type SubgraphName } from '@hsg/core';
import { type RunningSubgraph } from '@hsg/framework';
import { requestStatements, startStack, type Stack } from './stack';

async function gql(stack: Stack, query: string, variables: Record<string, unknown> = {}, token: string | null = null) {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
}

const ids = (connection: { nodes: { id: string }[] }) => connection.nodes.map((n) => n.id);
const synth = (scale: number, out: string) =>
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'synth.js'), '--scale', String(scale), '--out', out], {
    encoding: 'utf8',
  });

describe('keyset cursors over the real seeds', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack();
    token = await stack.keys.token();
  });
  afterAll(() => stack?.stop());

  const ROOT = `query($after: String) { facilities(filter: { regionId: "440100" }, first: 5, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }`;
  const NESTED = `query($after: String) { region(id: "440100") { facilities(first: 5, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } } }`;

  test('a record created before the cursor between two page requests is neither repeated nor skips a row', async () => {
    const whole = await gql(stack, '{ facilities(filter: { regionId: "440100" }, first: 10) { totalCount nodes { id } } }');
    const all = ids(whole.data.facilities);
    const total = whole.data.facilities.totalCount;
    expect(all.length).toBe(10);
    expect(total).toBeGreaterThan(10);
    const root1 = (await gql(stack, ROOT)).data.facilities;
    const nested1 = (await gql(stack, NESTED)).data.region.facilities;
    expect(ids(root1)).toEqual(all.slice(0, 5));
    expect(ids(nested1)).toEqual(all.slice(0, 5));
    expect(root1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    // An agency writes a facility whose id sorts before every one on page 1.
    const created = await gql(
      stack,
      'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
      {
        input: {
          record: { id: 'aaa-keyset-test-clinic', name: '南沙区翻页测试诊所', type: 'GENERAL_HOSPITAL', regionId: '440115' },
          source: { title: '翻页测试', reference: '测试〔2026〕1号', date: '2026-12-01' },
        },
      },
      token,
    );
    expect(created.errors).toBeUndefined();

    const root2 = (await gql(stack, ROOT, { after: root1.pageInfo.endCursor })).data.facilities;
    const nested2 = (await gql(stack, NESTED, { after: nested1.pageInfo.endCursor })).data.region.facilities;
    expect(ids(root2)).toEqual(all.slice(5, 10));
    expect(ids(nested2)).toEqual(all.slice(5, 10));
    expect(root2.totalCount).toBe(total + 1);
    expect(nested2.totalCount).toBe(total + 1);
    expect(root2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    // The new record is on the first page now.
    expect(ids((await gql(stack, ROOT)).data.facilities)[0]).toBe('aaa-keyset-test-clinic');
  });

  test('entity loads leave the citations and status-report JSON out unless a request asks for them', async () => {
    const facilities = stack.subgraphs.facilities;
    const statements = () => facilities.counter.statements.filter((q) => !/"audit_record"/.test(q));
    facilities.counter.reset();
    const lean = await gql(stack, '{ region(id: "440100") { projects(first: 5) { nodes { name status } } } }');
    expect(lean.errors).toBeUndefined();
    expect(statements().length).toBe(1); // the page, its rows and the count
    expect(statements().filter((q) => /citations|statusReports/.test(q))).toEqual([]);

    facilities.counter.reset();
    const full = await gql(
      stack,
      '{ region(id: "440100") { projects(first: 5) { nodes { name citations { lines } reports { asOf } } } } }',
    );
    expect(full.errors).toBeUndefined();
    // One more statement for the lazy columns, however many rows and lazy fields: SELECT id, citations, statusReports ….
    expect(statements().length).toBe(2);
    expect(statements().filter((q) => /"citations"/.test(q) && /"statusReports"/.test(q)).length).toBe(1);
    const nodes = full.data.region.projects.nodes;
    expect(nodes.length).toBe(5);
    for (const n of nodes) expect(n.citations.length).toBeGreaterThan(0);
    expect(nodes.some((n: { reports: unknown[] }) => n.reports.length > 0)).toBe(true);
    expect(nodes.map((n: { name: string }) => n.name)).toEqual(lean.data.region.projects.nodes.map((n: { name: string }) => n.name));
  });

  test('the last page says no more follow; observation periods filter by year in SQL', async () => {
    const plans = await gql(stack, '{ plans(first: 100) { totalCount nodes { id } } }');
    const total = plans.data.plans.totalCount;
    expect(total).toBe(15);
    const first = await gql(stack, '{ plans(first: 14) { pageInfo { endCursor hasNextPage } } }');
    expect(first.data.plans.pageInfo.hasNextPage).toBe(true);
    const last = await gql(stack, 'query($a: String) { plans(first: 14, after: $a) { nodes { id } pageInfo { hasNextPage } } }', {
      a: first.data.plans.pageInfo.endCursor,
    });
    expect(ids(last.data.plans)).toEqual([ids(plans.data.plans)[14]]);
    expect(last.data.plans.pageInfo.hasNextPage).toBe(false);

    // 2016-2020 overlaps [2018, 2019]; 2015 and 2020 do not; ordered by period, then id.
    const years = await gql(
      stack,
      '{ region(id: "440100") { observations(filter: { from: 2018, to: 2019 }, first: 100) { totalCount nodes { id period } } } }',
    );
    const periods = years.data.region.observations.nodes.map((n: { period: string }) => n.period);
    expect(periods.length).toBe(years.data.region.observations.totalCount);
    expect(periods.length).toBeGreaterThan(0);
    expect(new Set(periods)).toEqual(new Set(['2016-2020']));
    const life = await gql(
      stack,
      '{ indicator(id: "life-expectancy") { observations(filter: { regionId: "440100", from: 2016 }, first: 10) { nodes { period value } } } }',
    );
    expect(life.data.indicator.observations.nodes).toEqual([{ period: '2020', value: 82.9 }]);
  });

  test('hostile cursors are a BAD_USER_INPUT naming after, and nothing else fails', async () => {
    const page = (await gql(stack, '{ observations(first: 2) { pageInfo { endCursor } } }')).data.observations;
    const facilityCursor = (await gql(stack, ROOT)).data.facilities.pageInfo.endCursor as string;
    const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const hostile = {
      forged: raw('["Facility:id","zzz\' OR 1=1 --"]').replace(/.$/, 'A'),
      injection: raw('["Facility:id",{"$gt":""}]'),
      fromAnotherList: page.pageInfo.endCursor as string,
      truncated: facilityCursor.slice(0, facilityCursor.length - 4),
      huge: 'A'.repeat(100_000),
      offset: raw('o:5'),
    };
    for (const [name, after] of Object.entries(hostile)) {
      const res = await gql(stack, NESTED, { after });
      expect([name, res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])]).toEqual([name, [['BAD_USER_INPUT', 'after']]]);
      expect(res.errors![0].message).toMatch(/^"after" is not a cursor of this list: /);
      const root = await gql(stack, ROOT, { after });
      expect([name, root.errors?.map((e) => e.extensions?.code)]).toEqual([name, ['BAD_USER_INPUT']]);
    }
    // A well-formed cursor of this list whose key no row has still pages from there.
    const between = raw('["Facility:id","m"]');
    const after = await gql(stack, ROOT, { after: between });
    expect(after.errors).toBeUndefined();
    expect(ids(after.data.facilities).every((id) => id > 'm')).toBe(true);
  });
});

/** How many statements each subgraph ran for requests (stack.ts's requestStatements). */
function statementsBySubgraph(subgraphs: Record<SubgraphName, RunningSubgraph>): Record<string, number> {
  return Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, requestStatements(subgraphs[name]).length]));
}

/** Waits until the search subgraph has followed every seed load into its change feed (its count stops growing). */
async function followerCaughtUp(stack: Stack): Promise<number> {
  let last = -1;
  for (;;) {
    const total = (await gql(stack, '{ changes(first: 1) { totalCount } }')).data.changes.totalCount as number;
    if (total === last && total > 0) return total;
    last = total;
    await new Promise((r) => setTimeout(r, 1200));
  }
}

const FIXED = {
  regionProjects: '{ region(id: "440100") { projects(first: 10) { totalCount nodes { name facility { name } } } } }',
  projectSearch: '{ projects(filter: { search: "医院" }, first: 10) { totalCount nodes { id name } } }',
  search: readFileSync(path.join(REPO_ROOT, 'examples', 'search.graphql'), 'utf8'),
  missedTargets: readFileSync(path.join(REPO_ROOT, 'examples', 'gz-13th-fyp-missed-targets.graphql'), 'utf8'),
  districts:
    '{ region(id: "440100") { children { id facilities(first: 3) { totalCount nodes { id } } projects(first: 3) { totalCount } } } }',
};

describe('the cost of a fixed-size answer does not grow with the data', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  async function measure(scale: number) {
    const dir = mkdtempSync(path.join(tmpdir(), `hsg-paging-${scale}x-`));
    dirs.push(dir);
    expect(synth(scale, dir)).toMatch(new RegExp(`at ${scale}×`));
    expect(JSON.parse(readFileSync(path.join(dir, 'SYNTHETIC.json'), 'utf8'))).toMatchObject({ synthetic: true, scale });
    const stack = await startStack(dir);
    try {
      // One change per seeded record with a seed audit record: the 65 regions the texts name (the
      // code list's other divisions have none), and the 1,184 other records copied `scale` times (programmes start no history).
      expect(await followerCaughtUp(stack)).toBe(65 + scale * 1184);
      const out: Record<string, { statements: Record<string, number>; data: any }> = {};
      for (const [name, query] of Object.entries(FIXED)) {
        for (const s of Object.values(stack.subgraphs)) s.counter.reset();
        const res = await gql(stack, query);
        expect([name, res.errors]).toEqual([name, undefined]);
        out[name] = { statements: statementsBySubgraph(stack.subgraphs), data: res.data };
      }
      return out;
    } finally {
      await stack.stop();
    }
  }

  test('statements per request are the same at 1× and 10×; totals grow tenfold, first pages stay the real records', async () => {
    const one = await measure(1);
    const ten = await measure(10);
    const none = { regions: 0, facilities: 0, indicators: 0, officials: 0, search: 0 };
    // A page is one statement with its rows and count; then the projects' facilities by id.
    expect(one.regionProjects.statements).toEqual({ ...none, regions: 1, facilities: 2 });
    expect(one.projectSearch.statements).toEqual({ ...none, facilities: 1 });
    // The page, rows and count of the MISSED targets (the stored judgement), the figures they were
    // judged by, their indicators, their citations.
    expect(one.missedTargets.statements).toEqual({ ...none, indicators: 4 });
    // The region and its children; the districts' facility pages and their project pages.
    expect(one.districts.statements).toEqual({ ...none, regions: 2, facilities: 2 });
    // "nansha"'s first ten hits are the district and its townships: regions only.
    expect(one.search.statements).toEqual({ ...none, search: 1, regions: 1 });
    for (const name of Object.keys(FIXED)) expect([name, ten[name].statements]).toEqual([name, one[name].statements]);

    const gz1 = one.regionProjects.data.region.projects;
    const gz10 = ten.regionProjects.data.region.projects;
    expect(gz10.totalCount).toBe(10 * gz1.totalCount);
    expect(gz10.nodes).toEqual(gz1.nodes);
    expect(ten.projectSearch.data.projects.totalCount).toBe(10 * one.projectSearch.data.projects.totalCount);
    // Best match first: the one project whose name starts with 医院 and, at 10×, its nine copies.
    const ward = 'gd-ward-renovation-2025';
    expect(one.projectSearch.data.projects.nodes[0].id).toBe(ward);
    expect(ten.projectSearch.data.projects.nodes.map((n: { id: string }) => n.id)).toEqual([
      ward,
      ...Array.from({ length: 9 }, (_, i) => `zsyn${i + 1}-${ward}`),
    ]);
    expect(ten.missedTargets.data).toEqual(one.missedTargets.data);
    expect(ten.districts.data.region.children.length).toBe(11);
    ten.districts.data.region.children.forEach((d: any, i: number) => {
      const base = one.districts.data.region.children[i];
      expect(d.facilities.totalCount).toBe(10 * base.facilities.totalCount);
      expect(d.projects.totalCount).toBe(10 * base.projects.totalCount);
    });
  }, 240_000);

  test('synth refuses seeds/ and a folder that is not its own', () => {
    const run = (out: string) => {
      try {
        synth(2, out);
        return 'wrote';
      } catch (e) {
        return String((e as { stderr?: string }).stderr);
      }
    };
    expect(run(path.join(REPO_ROOT, 'seeds'))).toMatch(/refusing to write into .*seeds: synthetic data never goes into seeds\//);
    expect(run(path.join(REPO_ROOT, 'seeds', 'sub'))).toMatch(/refusing to write into/);
    expect(existsSync(path.join(REPO_ROOT, 'seeds', 'sub'))).toBe(false);
    expect(run(path.join(REPO_ROOT, 'examples'))).toMatch(/is not empty and holds no SYNTHETIC\.json/);
  });
});
