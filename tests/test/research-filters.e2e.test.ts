import { postGraphQL } from '@hsg/core';

import { startStack, type Stack } from './stack';

/**
 * The filters researchers reach for, asked as one natural query each through the gateway over the
 * real seeds: targets by nature and plan section, everything citing one source, the root list of
 * posts, people of several organizations, facilities by ownership, status reports by date and text.
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
const ids = (conn: { nodes: { id: string }[] }) => conn.nodes.map((n) => n.id);

/** The first error's code and message, for the hostile cases. */
async function refusal(query: string) {
  const res = await postGraphQL(stack.gateway.url, query);
  return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message };
}

describe('targets by nature and section', () => {
  test("the binding targets of the 14th-FYP plan's 表2, in one query", async () => {
    const { targets } = await data(`{
      targets(filter: { planId: "gz-health-14th-fyp", nature: [BINDING], sections: ["表2"] }) {
        totalCount nodes { id section nature valueText }
      }
    }`);
    expect(targets.nodes).toEqual([
      { id: 'child-adolescent-myopia-rate-gz14-2025', section: '表2', nature: 'BINDING', valueText: '力争每年降低0.5个百分点以上' },
      { id: 'child-immunization-coverage-gz14-2025', section: '表2', nature: 'BINDING', valueText: '≥95' },
    ]);
  });

  test("表2 holds 24 targets; the plan's other 28 come from its boxes and chapters", async () => {
    const { table, boxes, body } = await data(`{
      table: targets(filter: { planId: "gz-health-14th-fyp", sections: ["表2"] }) { totalCount }
      boxes: targets(filter: { planId: "gz-health-14th-fyp", sections: ["专栏1", "专栏4", "专栏5", "专栏7"] }) { totalCount }
      body: targets(filter: { planId: "gz-health-14th-fyp", sections: ["第四章", "第五章", "第七章", "第八章"] }) { totalCount }
    }`);
    expect([table.totalCount, boxes.totalCount, body.totalCount]).toEqual([24, 16, 12]);
  });

  test('expected targets of the 13th-FYP review (表1): 18 of its 24', async () => {
    const { targets } = await data(`{ targets(filter: { sections: ["表1"], nature: [EXPECTED] }) { totalCount } }`);
    expect(targets.totalCount).toBe(18);
  });
});

describe('everything citing one source (the 2025-03-03 issue, 003)', () => {
  test('meetings, posts, projects and observations', async () => {
    const d = await data(`{
      meetings(filter: { sourceId: "003" }) { totalCount nodes { id } }
      posts(filter: { sourceId: "003" }, first: 50) { totalCount nodes { id } }
      projects(filter: { sourceId: "003" }) { totalCount nodes { id } }
      observations(filter: { sourceId: "003" }) { totalCount nodes { id } }
    }`);
    expect(d.meetings.totalCount).toBe(7);
    expect(ids(d.meetings)).toEqual(expect.arrayContaining(['gd-ageing-health-conference-2025', 'huizhou-health-work-conference-2025']));
    expect(d.posts.totalCount).toBe(10);
    expect(ids(d.posts)).toEqual(expect.arrayContaining(['liu-liqun-gd-hc-2025-03-03', 'deng-linfeng-gd-joint-pc-2025-02-25']));
    expect(ids(d.projects).sort()).toEqual([
      'dongguan-peoples-hospital-no-escort-wards',
      'gd-county-medical-community-central-pharmacies',
      'gd-medical-imaging-cloud-platform',
      'gd-no-escort-nursing-pilot',
      'gd-test-result-mutual-recognition-platform',
    ]);
    expect(d.observations.totalCount).toBe(7);
    expect(ids(d.observations)).toEqual(expect.arrayContaining(['dongguan-no-escort-daily-cost-before']));
  });

  test('a project cited only in a status report counts as citing that source', async () => {
    const { projects } = await data(
      `{ projects(filter: { sourceId: "003", search: "中心药房" }) { nodes { id statusReports { citation { lines } } } } }`,
    );
    expect(ids(projects)).toEqual(['gd-county-medical-community-central-pharmacies']);
    expect(projects.nodes[0].statusReports.some((r: { citation: { lines: string } }) => r.citation.lines.startsWith('003:'))).toBe(true);
  });

  test('a source id that is not three digits is refused, naming the field', async () => {
    expect(await refusal(`{ meetings(filter: { sourceId: "3%" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.sourceId" must be a three-digit source id such as "003" (see Citation.source); got "3%".',
    });
    const { meetings } = await data(`{ meetings(filter: { sourceId: "009" }) { totalCount } }`);
    expect(meetings.totalCount).toBe(0);
  });
});

describe('the root list of posts', () => {
  test('deputy directors seen in Guangdong in February 2025', async () => {
    const { posts } = await data(`{
      posts(filter: { from: "2025-02", to: "2025-02", title: "副主任", regionId: "440000" }) {
        nodes { id asOf titles person { name } organization { name } }
      }
    }`);
    expect(posts.nodes).toEqual([
      {
        id: 'song-tie-gd-hc-2025-02-27',
        asOf: '2025-02-27',
        titles: ['党组成员', '副主任'],
        person: { name: '宋铁' },
        organization: { name: '广东省卫生健康委员会' },
      },
    ]);
  });

  test('posts of two organizations, heads only, oldest first', async () => {
    const { posts } = await data(`{
      posts(filter: { organizationIds: ["guizhou-health-commission", "zhuhai-health-bureau"], isHead: true }) { nodes { id asOf } }
    }`);
    expect(ids(posts)).toEqual([
      'xu-chaolong-zhuhai-hb-2021',
      'sun-fa-guizhou-hc-2024',
      'yang-hui-guizhou-hc-2024',
      'zhu-ziqin-zhuhai-hb-2025',
    ]);
  });

  test('a bad date or an empty title is refused, naming the field', async () => {
    expect(await refusal(`{ posts(filter: { from: "2025-13" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.from" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; got "2025-13".',
    });
    expect(await refusal(`{ posts(filter: { title: "  " }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.title" must be 1 to 50 characters.',
    });
  });
});

test('people with a post in any of several organizations; the single organizationId still works', async () => {
  const { several, one } = await data(`{
    several: people(filter: { organizationIds: ["guizhou-health-commission", "zhuhai-health-bureau"] }) { nodes { id name } }
    one: people(filter: { organizationId: "guizhou-health-commission" }) { nodes { id } }
  }`);
  expect(several.nodes).toEqual([
    { id: 'sun-fa', name: '孙发' },
    { id: 'xu-chaolong', name: '徐超龙' },
    { id: 'yang-hui', name: '杨慧' },
    { id: 'zhu-ziqin', name: '朱自琴' },
  ]);
  expect(ids(one)).toEqual(['sun-fa', 'yang-hui']);
});

test('private facilities within Guangzhou', async () => {
  const { facilities } = await data(`{ facilities(filter: { ownership: [PRIVATE], regionId: "440100" }) { nodes { id ownership } } }`);
  expect(ids(facilities)).toEqual([
    'gd-zhujiang-huiren-hospital',
    'gz-fuli-hospital',
    'gz-gualv-xincheng-general-hospital',
    'gz-longcheng-intl-rehab-center',
    'kaili-general-hospital',
    'qianhai-life-gz-intl-hospital',
    'taikang-intl-medical-care-center',
  ]);
});

describe("a project's status reports by date and text", () => {
  test('the 2024 reports of the cross-border ambulance programme that mention 试行', async () => {
    const { project } = await data(`{
      project(id: "gba-cross-border-ambulance-programme") {
        all: statusReports { asOf }
        found: statusReports(from: "2024", to: "2024", search: "试行") { asOf status text citation { lines } }
        reports(from: "2025") { asOf }
      }
    }`);
    expect(project.all).toHaveLength(3);
    expect(project.found).toEqual([{ asOf: '2024', status: 'IN_OPERATION', text: '试行计划运行', citation: expect.any(Object) }]);
    expect(project.reports).toEqual([{ asOf: '2025-01-22' }]);
  });

  test('"from" after "to" is refused', async () => {
    expect(
      await refusal(`{ project(id: "gba-cross-border-ambulance-programme") { statusReports(from: "2025", to: "2024") { asOf } } }`),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"from" (2025) is after "to" (2024).',
    });
  });
});
