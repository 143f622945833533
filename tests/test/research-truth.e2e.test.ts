import { postGraphQL } from '@hsg/core';

import { startStack, type Stack } from './stack';

/**
 * Answers that must say no more than the texts do, asked through the gateway over the real seeds:
 * a project's status of fact apart from its plan's milestones, bounds and bare figures in
 * attainment, two heads seen together, and how old the sighting behind an `asOf` answer is.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function data(query: string, variables: Record<string, unknown> = {}) {
  const res = await postGraphQL(stack.gateway.url, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
}

describe('status of fact vs planned milestone', () => {
  test('Guangzhou projects under way in 2020 are not listed as merely planned', async () => {
    const { planned, underWay, completed } = await data(`{
      planned: projects(filter: { regionId: "440100", status: [PLANNED] }) { totalCount }
      underWay: projects(filter: { regionId: "440100", status: [UNDER_CONSTRUCTION] }, first: 100) { totalCount nodes { id } }
      completed: projects(filter: { regionId: "440100", status: [COMPLETED] }) { totalCount }
    }`);
    // By the latest report alone these were 275 planned, 11 under way and 5 completed.
    expect([planned.totalCount, underWay.totalCount, completed.totalCount]).toEqual([265, 18, 7]);
    const underWayIds = underWay.nodes.map((n: { id: string }) => n.id);
    for (const id of ['national-respiratory-medical-center', 'sysu-first-nansha-hospital', 'gz-12th-hospital-relocation']) {
      expect(underWayIds).toContain(id);
    }
  });

  test('the stages the texts tell apart: started (开工) and main structure finished (完成主体结构施工), both under way', async () => {
    const { started, structure, underWay } = await data(`{
      started: projects(filter: { regionId: "440100", status: [STARTED] }) { nodes { id statusAsOf } }
      structure: projects(filter: { regionId: "440100", status: [STRUCTURE_COMPLETED] }) { nodes { id statusAsOf } }
      underWay: projects(filter: { regionId: "440100", status: [UNDER_CONSTRUCTION] }, first: 100) { nodes { id status } }
    }`);
    // The 12th hospital's relocation, started in 2020, is still at that stage by 2021's report that building goes on.
    expect(started.nodes).toEqual([
      { id: 'conghua-tcm-hospital-relocation', statusAsOf: '2020' },
      { id: 'gz-12th-hospital-relocation', statusAsOf: '2021' },
    ]);
    expect(structure.nodes).toEqual([
      { id: 'guangzhou-respiratory-center', statusAsOf: '2021-01' },
      { id: 'sysu-first-nansha-hospital', statusAsOf: '2020' },
    ]);
    const stages = underWay.nodes.filter((n: { status: string }) => n.status !== 'UNDER_CONSTRUCTION').map((n: { id: string }) => n.id);
    expect(stages.sort()).toEqual([...started.nodes, ...structure.nodes].map((n: { id: string }) => n.id).sort());
  });

  test("a project keeps its 2020 progress as status and its plan's 建成 as a milestone", async () => {
    const { project } = await data(`{
      project(id: "sysu-first-nansha-hospital") {
        status statusAsOf
        milestones { asOf status text }
        statusReports { asOf status }
      }
    }`);
    expect(project).toEqual({
      status: 'STRUCTURE_COMPLETED',
      statusAsOf: '2020',
      milestones: [{ asOf: '2021', status: 'PLANNED', text: '建成' }],
      statusReports: [
        { asOf: '2020', status: 'STRUCTURE_COMPLETED' },
        { asOf: '2021', status: 'PLANNED' },
      ],
    });
  });

  test('a project with only a plan statement is PLANNED', async () => {
    const { project } = await data(`{ project(id: "zhishicheng-nanfang-hospital") { status statusAsOf milestones { asOf } } }`);
    expect(project).toEqual({ status: 'PLANNED', statusAsOf: '2021', milestones: [{ asOf: '2021' }] });
  });
});

describe('bounds and bare figures in attainment', () => {
  test('an actual of "＜10" against a target of "＜10" is met, with no made-up actual or gap', async () => {
    const { target } = await data(`{
      target(id: "outpatient-antibiotic-prescription-rate-gz13-2020") {
        valueText comparatorStated attainment { status actual gap observation { valueText qualifier } }
      }
    }`);
    expect(target).toEqual({
      valueText: '＜10',
      comparatorStated: true,
      attainment: { status: 'MET', actual: null, gap: null, observation: { valueText: '＜10', qualifier: 'LT' } },
    });
  });

  test('bare figures of a neutral indicator are undetermined, not missed; a bare figure with a direction is judged by it', async () => {
    const { population, growth, nurses } = await data(`{
      population: target(id: "resident-population-gz13-2020") { comparatorStated attainment { status actual gap } }
      growth: target(id: "population-natural-growth-rate-gz13-2020") { comparatorStated attainment { status actual } }
      nurses: target(id: "registered-nurses-per-1000-gz13-2020") { comparatorStated attainment { status actual gap } }
    }`);
    expect(population).toEqual({ comparatorStated: false, attainment: { status: 'UNDETERMINED', actual: 1874, gap: null } });
    expect(growth).toEqual({ comparatorStated: false, attainment: { status: 'UNDETERMINED', actual: 8.09 } });
    expect(nurses.comparatorStated).toBe(false);
    expect(nurses.attainment.status).toBe('MISSED');
    expect(nurses.attainment.gap).toBeCloseTo(-0.6);
  });

  test('the 13th-FYP targets Guangzhou missed: five, none of them a bare neutral figure', async () => {
    const { targets } = await data(`{
      targets(filter: { planId: "gz-health-13th-fyp", attainment: [MISSED] }) { nodes { id } }
    }`);
    expect(targets.nodes.map((n: { id: string }) => n.id)).toEqual([
      'licensed-physicians-per-1000-gz13-2020',
      'private-hospital-bed-share-gz13-2020',
      'registered-nurses-per-1000-gz13-2020',
      'sex-ratio-at-birth-registered-gz13-2020',
      'tertiary-hospital-average-stay-gz13-2020',
    ]);
  });
});

describe('heads and asOf', () => {
  test("Guizhou's two leaders, with their titles; head is the party secretary", async () => {
    const { organization } = await data(`{
      organization(id: "guizhou-health-commission") {
        heads { asOf titles person { name } }
        head { person { name } }
      }
    }`);
    expect(organization).toEqual({
      heads: [
        { asOf: '2024', titles: ['党组书记'], person: { name: '杨慧' } },
        { asOf: '2024', titles: ['主任'], person: { name: '孙发' } },
      ],
      head: { person: { name: '杨慧' } },
    });
  });

  test('head(asOf) is the sighting on or before the date, with its date and whether it is over a year old', async () => {
    const { organization } = await data(`{
      organization(id: "gd-health-commission") {
        in2024: head(asOf: "2024") { id asOf stale person { name } }
        march2025: head(asOf: "2025-03-03") { id asOf stale }
        latest: head { id stale }
        before: heads(asOf: "2020") { id }
      }
    }`);
    expect(organization).toEqual({
      in2024: { id: 'duan-yufei-gd-hc-2021', asOf: '2021', stale: true, person: { name: '段宇飞' } },
      march2025: { id: 'liu-liqun-gd-hc-2025-03-03', asOf: '2025-03-03', stale: false },
      latest: { id: 'liu-liqun-gd-hc-2025-03-03', stale: null },
      before: [],
    });
  });

  test('officials(asOf) gives the picture at the date: no 2021 head where a later one was seen', async () => {
    const { region } = await data(`{
      region(id: "440000") { officials(asOf: "2025", headsOnly: true, first: 50) { nodes { id asOf stale } } }
    }`);
    const nodes = region.officials.nodes as { id: string; asOf: string; stale: boolean }[];
    expect(nodes.map((n) => n.id).sort()).toEqual([
      'chen-bin-guangzhou-hc-2025',
      'liu-liqun-gd-hc-2025-03-03',
      'song-tie-gd-dca-2025-02-27',
      'wu-hongyan-shenzhen-hc-2025',
      'zhu-ziqin-zhuhai-hb-2025',
    ]);
    for (const n of nodes) expect(n.stale).toBe(false);
  });

  test('a bad asOf is refused, naming the argument', async () => {
    const res = await postGraphQL(
      stack.gateway.url,
      `{ organization(id: "guizhou-health-commission") { heads(asOf: "2024-02-30") { id } } }`,
    );
    expect(res.errors?.[0]).toMatchObject({
      message: '"asOf" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; got "2024-02-30".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
