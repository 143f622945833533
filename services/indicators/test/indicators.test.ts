import { postGraphQL, REPO_ROOT } from '@hsg/core';
import { type RunningSubgraph, startSeededSubgraph } from '@hsg/framework';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computeAttainment } from '../src/attainment';
import type { Observation } from '../src/observation';
import type { Target } from '../src/target';
import { parseValueText } from '../src/value-text';
import { subgraph } from '../src/subgraph';

let server: RunningSubgraph;

beforeAll(async () => {
  server = await startSeededSubgraph(subgraph);
});
afterAll(async () => {
  await server?.stop();
});

const q = (query: string, variables?: Record<string, unknown>) => postGraphQL(server.url, query, variables);

test('表1: 13th-FYP targets Guangzhou met and missed in 2020, judged from the 2020 actuals', async () => {
  const res = await q(`{ targets(filter: { planId: "gz-health-13th-fyp" }, first: 100) { totalCount
    nodes { id valueText comparator attainment { status actual gap } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.targets.totalCount).toBe(24);
  const byId = Object.fromEntries(res.data.targets.nodes.map((t: { id: string }) => [t.id, t]));
  expect(byId['life-expectancy-gz13-2020'].attainment).toEqual({ status: 'MET', actual: 82.9, gap: 0.9 });
  expect(byId['licensed-physicians-per-1000-gz13-2020'].attainment).toEqual({ status: 'MISSED', actual: 3.33, gap: -0.17 });
  // "＞95" actual against a "＞95" target: the qualifier counts.
  expect(byId['child-immunization-coverage-gz13-2020'].attainment.status).toBe('MET');
  const missed = await q(`{ targets(filter: { planId: "gz-health-13th-fyp", attainment: [MISSED] }, first: 100) { nodes { id } } }`);
  expect(missed.data.targets.nodes.map((t: { id: string }) => t.id)).toEqual(
    expect.arrayContaining([
      'licensed-physicians-per-1000-gz13-2020',
      'registered-nurses-per-1000-gz13-2020',
      'tertiary-hospital-average-stay-gz13-2020',
    ]),
  );
  expect(missed.data.targets.nodes.map((t: { id: string }) => t.id)).not.toContain('life-expectancy-gz13-2020');
});

test('表2: 2025 targets carry their 2020 baseline and nature', async () => {
  const res = await q(`{ targets(filter: { planId: "gz-health-14th-fyp", indicatorId: "life-expectancy" }) {
    nodes { year value valueText nature baseline { year value } indicator { name unit } plan { id } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.targets.nodes[0]).toMatchObject({
    year: 2025,
    value: 83.6,
    baseline: { year: 2020, value: 82.9 },
    indicator: { name: expect.stringContaining('预期寿命') },
  });
});

test('Guangzhou life expectancy over time, through the Region extension', async () => {
  const res = await q(`{ _entities(representations: [{ __typename: "Region", id: "440100" }]) {
    ... on Region { observations(filter: { indicatorId: "life-expectancy" }) { nodes { period value valueText } } plans { id } } } }`);
  expect(res.errors).toBeUndefined();
  const series = res.data._entities[0].observations.nodes;
  expect(series.map((o: { period: string }) => o.period)).toEqual(expect.arrayContaining(['2015', '2020']));
  expect(series.find((o: { period: string }) => o.period === '2020').value).toBe(82.9);
});

test('year filters are checked', async () => {
  const res = await q(`{ observations(filter: { from: 2025, to: 2020 }) { totalCount } }`);
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const unknown = await q(`{ indicator(id: "nope") { id } }`);
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

test('attainment of N targets costs the same statements for N = 1 and N = 20', async () => {
  // Indicator is reached at two depths, so each path goes in its own request: in one request the two
  // loads may or may not share a batch depending on timing.
  const cost = async (first: number) => {
    server.counter.reset();
    for (const fields of [
      'attainment { status observation { id indicator { id } } }',
      'indicator { observations { totalCount } } plan { id }',
    ]) {
      const res = await q(`{ targets(filter: { planId: "gz-health-13th-fyp" }, first: ${first}) { nodes { ${fields} } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.targets.nodes).toHaveLength(first);
    }
    return server.counter.count;
  };
  expect(await cost(20)).toBe(await cost(1));
});

test('the attainment filter lists exactly the targets whose attainment is that status, for every target, in SQL', async () => {
  const all = async (filter: string) => {
    const ids: { id: string; status: string }[] = [];
    for (let after: string | null = null; ;) {
      const res = await q(
        `query ($after: String) { targets(filter: { ${filter} }, first: 100, after: $after) {
          nodes { id attainment { status } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      ids.push(
        ...res.data.targets.nodes.map((n: { id: string; attainment: { status: string } }) => ({ id: n.id, status: n.attainment.status })),
      );
      if (!res.data.targets.pageInfo.hasNextPage) return ids;
      after = res.data.targets.pageInfo.endCursor;
    }
  };
  const every = await all('');
  expect(every).toHaveLength(139);
  const counts: Record<string, number> = {};
  for (const status of ['MET', 'MISSED', 'UNDETERMINED', 'PENDING']) {
    const listed = await all(`attainment: [${status}]`);
    expect(listed.map((t) => t.id)).toEqual(every.filter((t) => t.status === status).map((t) => t.id));
    counts[status] = listed.length;
  }
  // What the figures decide, and the undecided split by the latest date the data covers
  // (2025-03-03), not the calendar: the targets for 2025 and later are pending.
  expect([counts.MET, counts.MISSED, counts.UNDETERMINED, counts.PENDING]).toEqual([18, 5, 13, 103]);
  // The list is paged in SQL: the page, its rows and its count in one statement (no read of every target).
  server.counter.reset();
  await q('{ targets(filter: { attainment: [MISSED, PENDING] }, first: 5) { totalCount nodes { id } } }');
  expect(server.counter.statements).toHaveLength(1);
  expect(server.counter.statements[0]).toMatch(/LIMIT 6/);
});

test('Region.targets filters like the root list, and refuses a second region', async () => {
  const res =
    await q(`{ root: targets(filter: { planId: "gz-health-13th-fyp", regionId: "440100", attainment: [MISSED] }, first: 100) { totalCount }
    _entities(representations: [{ __typename: "Region", id: "440100" }]) {
      ... on Region { targets(filter: { planId: "gz-health-13th-fyp", attainment: [MISSED] }, first: 100) { totalCount nodes { attainment { status } } } } } }`);
  expect(res.errors).toBeUndefined();
  const viaRegion = res.data._entities[0].targets;
  expect(viaRegion.totalCount).toBe(res.data.root.totalCount);
  // Five: the bare population figures (1550, 13.0) of a neutral indicator are undetermined, not missed.
  expect(viaRegion.totalCount).toBe(5);
  expect(viaRegion.nodes).toHaveLength(5);
  for (const t of viaRegion.nodes) expect(t.attainment.status).toBe('MISSED');
  const bad = await q(
    `{ _entities(representations: [{ __typename: "Region", id: "440100" }]) { ... on Region { observations(filter: { regionId: "440000" }) { totalCount } } } }`,
  );
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('Region.observations and Region.targets for N regions cost the same statements for N = 1 and N = 20', async () => {
  const ids = [
    '440100',
    '440000',
    '440300',
    '440400',
    '440600',
    '441900',
    '441300',
    '440115',
    '440104',
    '440106',
    '440111',
    '440113',
    '440114',
    '440117',
    '440118',
    '440103',
    '440105',
    '440112',
    '430000',
    '460000',
  ];
  const cost = async (regionIds: string[]) => {
    server.counter.reset();
    const res = await q(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region {
      observations { totalCount } targets(filter: { attainment: [MET, MISSED] }) { totalCount } } } }`,
      { reps: regionIds.map((id) => ({ __typename: 'Region', id })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data._entities[0].targets.totalCount).toBeGreaterThan(0);
    return server.counter.count;
  };
  expect(await cost(ids)).toBe(await cost(ids.slice(0, 1)));
});

test("an observation's value and qualifier are read from its text as the seeds record them", () => {
  const observations = JSON.parse(readFileSync(path.join(REPO_ROOT, 'seeds', 'observations.json'), 'utf8')) as {
    valueText: string;
    value: number | null;
    qualifier?: string;
  }[];
  // Figures in words (七成, 全省第三) and in 万 are the curators' readings, not a rule.
  const plain = observations.filter((o) => !/[万亿]/.test(o.valueText) && /\d|^—$/.test(o.valueText));
  expect(plain.length).toBe(142);
  const disagree = plain.filter((o) => {
    const parsed = parseValueText(o.valueText);
    return parsed.value !== o.value || parsed.qualifier !== (o.qualifier ?? null);
  });
  expect(disagree).toEqual([]);
  expect(parseValueText('＞95')).toEqual({ value: 95, qualifier: 'GT' });
  expect(parseValueText('30 左右')).toEqual({ value: 30, qualifier: 'APPROX' });
});

test('an actual that is a bound decides only what the whole bound decides; a bare target figure follows the direction', () => {
  const target = (comparator: string, value: number, valueText: string) =>
    ({ year: 2020, comparator, value, valueText, baseline: null }) as Target;
  const bound = (value: number, qualifier: string | null) => ({ value, qualifier, valueText: `${qualifier ?? ''}${value}` }) as Observation;
  const judged = (t: Target, o: Observation, direction: string | null = null) => {
    const a = computeAttainment(t, o, '2026', direction);
    return [a.status, a.actual, a.gap];
  };
  // "＜10" meets "＜10" and "≤10", misses "≥12", and cannot tell "≤8" or "＞5".
  expect(judged(target('LT', 10, '＜10'), bound(10, 'LT'))).toEqual(['MET', null, null]);
  expect(judged(target('LTE', 10, '≤10'), bound(10, 'LT'))).toEqual(['MET', null, null]);
  expect(judged(target('GTE', 12, '≥12'), bound(10, 'LT'))).toEqual(['MISSED', null, null]);
  expect(judged(target('LTE', 8, '≤8'), bound(10, 'LT'))).toEqual(['UNDETERMINED', null, null]);
  expect(judged(target('GT', 5, '＞5'), bound(10, 'LT'))).toEqual(['UNDETERMINED', null, null]);
  expect(judged(target('GTE', 95, '≥95'), bound(95, 'GT'))).toEqual(['MET', null, null]);
  // A point actual keeps its value and gap.
  expect(judged(target('LT', 8, '＜8'), bound(8.4, null))).toEqual(['MISSED', 8.4, 0.4]);
  // Bare figures: by the indicator's direction, undetermined without one.
  expect(judged(target('EQ', 1550, '1550'), bound(1874, null), 'NEUTRAL')).toEqual(['UNDETERMINED', 1874, null]);
  expect(judged(target('EQ', 100, '100'), bound(100, null), 'HIGHER_IS_BETTER')).toEqual(['MET', 100, 0]);
  expect(judged(target('GTE', 5, '5.0'), bound(4.4, null), 'HIGHER_IS_BETTER')).toEqual(['MISSED', 4.4, -0.6]);
});

test('attainment is judged as of the latest date the data covers, or the date asked for; an undecided one says why', async () => {
  const judged = async (args: string) => {
    const res = await q(`{ target(id: "life-expectancy-gz14-2025") { attainment${args} { status asOf reason actual } } }`);
    expect(res.errors).toBeUndefined();
    return res.data.target.attainment;
  };
  // The sources' latest publication date is 2025-03-03: the 2025 target's year had not ended.
  expect(await judged('')).toEqual({
    status: 'PENDING',
    asOf: '2025-03-03',
    reason: 'The target year 2025 had not ended by 2025-03-03. No observation of this indicator for this region in 2025.',
    actual: null,
  });
  expect(await judged('(asOf: "2026-01-01")')).toEqual({
    status: 'UNDETERMINED',
    asOf: '2026-01-01',
    reason: 'No observation of this indicator for this region in 2025.',
    actual: null,
  });
  // A decided target is decided whatever the date, and has no reason.
  const met = await q('{ target(id: "life-expectancy-gz13-2020") { attainment(asOf: "2019") { status asOf reason } } }');
  expect(met.data.target.attainment).toEqual({ status: 'MET', asOf: '2019', reason: null });
  for (const bad of ['tomorrow', '2025-13-01', '1899', '2025-06-31x']) {
    const res = await q(`{ target(id: "life-expectancy-gz14-2025") { attainment(asOf: "${bad}") { status } } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  }
});
