import { postGraphQL } from '@hsg/core';

import { startStack, type Stack } from './stack';

/**
 * Data that must say what the texts say and no more, asked through the gateway over the real seeds:
 * a meeting's venue only where stated, the days a meeting dated 近日 can have been held on, and a
 * target set for each of a list of cities rather than for the province.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function data(query: string) {
  const res = await postGraphQL(stack.gateway.url, query);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function refusal(query: string) {
  const res = await postGraphQL(stack.gateway.url, query);
  return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message };
}

const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

const RECENTLY = [
  'gd-ageing-health-conference-2025',
  'gd-medical-admin-primary-care-conference-2025',
  'gd-occupational-disease-group-plenary-2025',
  'huizhou-health-work-conference-2025',
];

describe('a meeting dated 近日', () => {
  test('is bounded by the issue that reports it: the first quarter of 2025 includes it', async () => {
    const { quarter } = await data(`{
      quarter: meetings(filter: { sourceId: "003", from: "2025-01", to: "2025-03" }, first: 20) {
        totalCount nodes { id date notAfter earliestDate latestDate }
      }
    }`);
    // Dated "2025" alone, the four dropped out of any range starting on a day of 2025.
    expect(quarter.totalCount).toBe(7);
    const recently = quarter.nodes.filter((m: { id: string }) => RECENTLY.includes(m.id));
    expect(recently).toHaveLength(4);
    for (const m of recently) {
      expect(m).toMatchObject({ date: '2025', notAfter: '2025-03-03', earliestDate: '2025-01-01', latestDate: '2025-03-03' });
    }
    const dated = quarter.nodes.find((m: { id: string }) => m.id === 'gd-health-foreign-affairs-conference-2025');
    expect(dated).toEqual({
      id: 'gd-health-foreign-affairs-conference-2025',
      date: '2025-02-25',
      notAfter: null,
      earliestDate: '2025-02-25',
      latestDate: '2025-02-25',
    });
  });

  test('matches a range only when every day it can have been held on lies inside', async () => {
    const { issueDay, february, fromFebruary, year } = await data(`{
      issueDay: meetings(filter: { from: "2025-01-01", to: "2025-03-03" }) { totalCount }
      february: meetings(filter: { to: "2025-02-28" }, first: 20) { nodes { id } }
      fromFebruary: meetings(filter: { from: "2025-02" }, first: 20) { nodes { id } }
      year: meetings(filter: { from: "2025", to: "2025" }) { totalCount }
    }`);
    expect(issueDay.totalCount).toBe(8);
    // It may have been held on 1–3 March, or in January: neither February range can claim it.
    expect(ids(february.nodes)).toEqual([
      'gd-health-work-conference-2025',
      'foshan-health-work-conference-2025',
      'gd-health-foreign-affairs-conference-2025',
      'gd-medical-emergency-food-safety-supervision-conference-2025',
    ]);
    expect(ids(fromFebruary.nodes)).toEqual([
      'foshan-health-work-conference-2025',
      'gd-health-foreign-affairs-conference-2025',
      'gd-medical-emergency-food-safety-supervision-conference-2025',
    ]);
    expect(year.totalCount).toBe(8);
  });

  test('a date bound that is no date is refused with the form it must take', async () => {
    expect(await refusal(`{ meetings(filter: { to: "近日" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.to" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; got "近日".',
    });
    expect(await refusal(`{ meetings(filter: { from: "2025-02-30" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.from" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; got "2025-02-30".',
    });
  });
});

describe("a meeting's venue", () => {
  test('is given only where the text states it; Foshan and Huizhou held theirs somewhere unsaid', async () => {
    const { meetings } = await data(`{
      meetings(first: 20) { nodes { id venueStated venue { id } region { id } } }
    }`);
    // By date then id: Huizhou's is dated by year only.
    const unstated = meetings.nodes.filter((m: { venueStated: boolean }) => !m.venueStated);
    expect(unstated).toEqual([
      { id: 'huizhou-health-work-conference-2025', venueStated: false, venue: null, region: { id: '441300' } },
      { id: 'foshan-health-work-conference-2025', venueStated: false, venue: null, region: { id: '440600' } },
    ]);
    const stated = meetings.nodes.filter((m: { venueStated: boolean }) => m.venueStated);
    expect(stated).toHaveLength(6);
    for (const m of stated) expect(m.venue).toEqual({ id: '440100' });
  });

  test('the venue resolves to the region record', async () => {
    const { meeting } = await data(`{ meeting(id: "gd-health-work-conference-2025") { venue { name level } } }`);
    expect(meeting.venue).toEqual({ name: '广州市', level: 'PREFECTURE' });
  });
});

describe('a target set for each of a list of cities', () => {
  test("Maoming's own palliative-care target: half of its counties, not half of Guangdong's", async () => {
    const { targets } = await data(`{
      targets(filter: { regionId: "440900", indicatorId: "counties-with-palliative-care-share" }) {
        nodes { id scope year comparator value valueText region { id } }
      }
    }`);
    expect(targets.nodes).toEqual([
      {
        id: 'ten-actions-2025-palliative-care-maoming',
        scope: 'REGION',
        year: 2025,
        comparator: 'GTE',
        value: 50,
        valueText: '50％的县（市、区）至少各设立 1 个',
        region: { id: '440900' },
      },
    ]);
  });

  test('the palliative-care action sets one target for each of the 21 cities and none for the province', async () => {
    const { share, perCounty, citywide, province } = await data(`{
      share: targets(filter: { indicatorId: "counties-with-palliative-care-share" }, first: 50) { nodes { region { id } } }
      perCounty: targets(filter: { indicatorId: "palliative-care-wards-per-county" }, first: 50) { nodes { scope region { id } } }
      citywide: targets(filter: { indicatorId: "palliative-care-wards-citywide" }, first: 50) { nodes { scope region { id } } }
      province: targets(filter: { regionId: "440000", planId: "gd-2025-ten-actions" }, first: 50) { nodes { id } }
    }`);
    const regionsOf = (nodes: { region: { id: string } }[]) => nodes.map((n) => n.region.id).sort();
    expect(regionsOf(share.nodes)).toEqual([
      '440200',
      '440600',
      '440700',
      '440800',
      '440900',
      '441200',
      '441300',
      '441400',
      '441500',
      '441600',
      '441700',
      '441800',
      '445100',
      '445200',
      '445300',
    ]);
    expect(regionsOf(perCounty.nodes)).toEqual(['440100', '440300', '440400', '440500']);
    expect(perCounty.nodes.every((n: { scope: string }) => n.scope === 'EACH_COUNTY')).toBe(true);
    expect(regionsOf(citywide.nodes)).toEqual(['441900', '442000']);
    expect(citywide.nodes.every((n: { scope: string }) => n.scope === 'REGION')).toBe(true);
    const all = [...share.nodes, ...perCounty.nodes, ...citywide.nodes];
    expect(new Set(regionsOf(all)).size).toBe(21);
    expect(ids(province.nodes).filter((id: string) => id.includes('palliative'))).toEqual([]);
  });

  test('what each city must reach on its own, in one query', async () => {
    const { targets } = await data(`{
      targets(filter: { regionId: "440000", scope: [EACH_CITY] }, first: 20) { nodes { id scope valueText } }
    }`);
    expect(targets.nodes).toEqual([
      { id: 'mr-2025-test-mutual-recognition-items-in-city', scope: 'EACH_CITY', valueText: '超过200项' },
      { id: 'ten-actions-2025-hospitals-with-sleep-clinic-per-city', scope: 'EACH_CITY', valueText: '至少有一家' },
      { id: 'ten-actions-2025-test-mutual-recognition-items-in-city', scope: 'EACH_CITY', valueText: '超过200项' },
    ]);
  });

  test('a scope that is not one is refused by the schema', async () => {
    const { code, message } = await refusal(`{ targets(filter: { scope: [EACH_VILLAGE] }) { totalCount } }`);
    expect(code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(message).toContain('EACH_VILLAGE');
  });
});

describe('a stated count', () => {
  test('"4 national regional medical centres" being built is a count of fact wherever a text states one', async () => {
    const { observations, targets } = await data(`{
      observations(filter: { indicatorId: "national-regional-medical-centers-under-construction" }) {
        nodes { id period value valueText region { id } }
      }
      targets(filter: { indicatorId: "national-regional-medical-centers-under-construction" }) { totalCount }
    }`);
    // Oldest first.
    expect(observations.nodes).toEqual([
      {
        id: 'hainan-2023-national-regional-medical-centers-under-construction',
        period: '2023',
        value: 4,
        valueText: '4个',
        region: { id: '460000' },
      },
      {
        id: 'guangxi-2024-national-regional-medical-centers-under-construction',
        period: '2024',
        value: 3,
        valueText: '3个国家级',
        region: { id: '450000' },
      },
      {
        id: 'shenzhen-2025-national-regional-medical-centers-under-construction',
        period: '2025',
        value: 2,
        valueText: '2家',
        region: { id: '440300' },
      },
    ]);
    expect(targets.totalCount).toBe(0);
  });

  test('a number to reach stays a target: Shenzhen brings in two foreign-owned hospitals in 2025', async () => {
    const { targets, observations } = await data(`{
      targets(filter: { indicatorId: "foreign-owned-hospitals-established" }) { nodes { id year comparator value valueText } }
      observations(filter: { indicatorId: "foreign-owned-hospitals-established" }) { nodes { id period value } }
    }`);
    expect(targets.nodes).toEqual([
      { id: 'shenzhen-2025-foreign-owned-hospitals', year: 2025, comparator: 'GTE', value: 2, valueText: '2家' },
    ]);
    expect(observations.nodes).toEqual([{ id: 'shenzhen-2024-foreign-owned-hospitals', period: '2024', value: 1 }]);
  });
});

describe('a record dated by year only counts from its first day', () => {
  test('posts seen "2024" are seen on or after 2024-01-01', async () => {
    const { posts } = await data(`{
      posts(filter: { from: "2024-01-01", to: "2024-12-31", regionId: "520000" }) { nodes { id asOf } }
    }`);
    expect(posts.nodes).toEqual([
      { id: 'sun-fa-guizhou-hc-2024', asOf: '2024' },
      { id: 'yang-hui-guizhou-hc-2024', asOf: '2024' },
    ]);
  });

  test('a status report dated "2020" is on or after 2020-01-01', async () => {
    const { project } = await data(`{
      project(id: "sysu-first-nansha-hospital") { statusReports(from: "2020-01-01", to: "2020-12-31") { asOf status } }
    }`);
    expect(project.statusReports).toEqual([{ asOf: '2020', status: 'STRUCTURE_COMPLETED' }]);
  });
});

test('a post dated "2025" is not seen by the end of 2024', async () => {
  const { posts } = await data(`{ posts(filter: { to: "2024-12-31", sourceId: "000" }) { totalCount } }`);
  expect(posts.totalCount).toBe(0);
});

test("the end of 2024 does not see a head first seen in 2025: Guangzhou's is the 2021 sighting", async () => {
  const { organization } = await data(`{
    organization(id: "guangzhou-health-commission") {
      end2024: head(asOf: "2024-12-31") { asOf stale person { name } }
      in2025: head(asOf: "2025") { asOf person { name } }
    }
  }`);
  expect(organization).toEqual({
    end2024: { asOf: '2021', stale: true, person: { name: '唐小平' } },
    in2025: { asOf: '2025', person: { name: '陈斌' } },
  });
});
