import { postGraphQL } from '@hsg/core';

import { startStack, type Stack } from './stack';

/**
 * What `search` reaches, asked as researchers ask it through the gateway over the real seeds:
 * designations, meetings and plans; organizations by their English names, a text of several words
 * matching when every word does; indicators by their aliases (托育 → the 托位 indicators); and each
 * kind's type in one selection across the search union.
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

/** The first error's code and message, for the hostile cases. */
async function refusal(query: string, variables: Record<string, unknown> = {}) {
  const res = await postGraphQL(stack.gateway.url, query, variables);
  return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message };
}

const SEARCH = `query($text: String!, $first: Int! = 10) { search(text: $text, first: $first) { score matchedField matchedText node { __typename
  ... on Region { id } ... on Facility { id } ... on Project { id } ... on Indicator { id } ... on Organization { id }
  ... on Person { id } ... on Designation { id } ... on Meeting { id } ... on Plan { id } } } }`;

/** Each hit as "Type:id". */
async function hits(text: string, first = 10): Promise<string[]> {
  const { search } = await data(SEARCH, { text, first });
  return search.map((h: { node: { __typename: string; id: string } }) => `${h.node.__typename}:${h.node.id}`);
}

describe('search reaches designations, meetings and plans', () => {
  test('a national centre is found as the designation and as the project that sets it up', async () => {
    const { search } = await data(
      `{ search(text: "国家呼吸医学中心", first: 3) { score matchedField node { __typename
        ... on Designation { id kind status host { name } } ... on Project { id projectType } } } }`,
    );
    expect(search).toEqual([
      {
        score: 1,
        matchedField: 'NAME',
        node: {
          __typename: 'Designation',
          id: 'national-respiratory-medical-center',
          kind: 'NATIONAL_MEDICAL_CENTER',
          status: 'DESIGNATED',
          host: { name: '广州医科大学附属第一医院' },
        },
      },
      {
        score: 1,
        matchedField: 'NAME',
        node: { __typename: 'Project', id: 'national-respiratory-medical-center', projectType: 'CENTER_SETUP' },
      },
      {
        score: 0.578,
        matchedField: 'NAME',
        node: { __typename: 'Project', id: 'national-respiratory-center-high-level-biosafety-lab', projectType: 'CENTER_SETUP' },
      },
    ]);
  });

  test('a meeting by its name, and the plan that meeting set out', async () => {
    const { search } = await data(
      `{ search(text: "全省卫生健康工作会议") { score node { __typename ... on Meeting { id date } ... on Plan { id } } } }`,
    );
    expect(search).toEqual([
      { score: 0.5, node: { __typename: 'Meeting', id: 'gd-health-work-conference-2025', date: '2025-01-22' } },
      { score: 0.4, node: { __typename: 'Plan', id: 'gd-health-work-2025' } },
    ]);
  });

  test('plans by Chinese name and by English name', async () => {
    expect(await hits('十四五规划')).toEqual(['Plan:gd-health-14th-fyp', 'Plan:gz-health-14th-fyp']);
    const { search } = await data(SEARCH, { text: 'Guangzhou Health Development Plan' });
    expect(search).toEqual([
      {
        score: 0.534,
        matchedField: 'NAME_EN',
        matchedText: 'Guangzhou Health Development Plan for the 14th Five-Year Period (2021-2025)',
        node: { __typename: 'Plan', id: 'gz-health-14th-fyp' },
      },
    ]);
  });
});

describe('organizations by English name; several words match when every word does', () => {
  test('"Shenzhen health commission" finds the Shenzhen Municipal Health Commission, in any word order', async () => {
    const expected = [
      {
        score: 0.389,
        matchedField: 'NAME_EN',
        matchedText: 'Shenzhen Municipal Health Commission',
        node: { __typename: 'Organization', id: 'shenzhen-health-commission' },
      },
    ];
    for (const text of [
      'Shenzhen health commission',
      'health commission of Shenzhen',
      'COMMISSION, Shenzhen; health',
      'Shenzhen\u3000health\uff0ccommission',
    ])
      expect({ text, search: (await data(SEARCH, { text })).search }).toEqual({ text, search: expected });
  });

  test('the whole text as written ranks above the words apart', async () => {
    const first = async (text: string) => (await data(SEARCH, { text, first: 1 })).search[0];
    const name = { matchedField: 'NAME_EN', matchedText: 'Shenzhen Municipal Health Commission' };
    expect(await first('Shenzhen Municipal Health Commission')).toMatchObject({ ...name, score: 0.9 });
    expect(await first('Commission Health Municipal Shenzhen')).toMatchObject({ ...name, score: 0.45 });
    // A shorter spelling beats a longer one: Shenzhen's name is a letter shorter than Chongqing's.
    const { search } = await data(SEARCH, { text: 'Municipal Health Commission', first: 5 });
    expect(search.map((h: any) => [h.node.id, h.score])).toEqual([
      ['shenzhen-health-commission', 0.475],
      ['chongqing-health-commission', 0.469],
      ['guangzhou-health-commission', 0.469],
    ]);
    // Every word, not side by side: 深圳 and 卫生 apart in 深圳市卫生健康委员会 and in Shenzhen's 2025 work plan.
    expect(await hits('深圳 卫生', 3)).toEqual(['Organization:shenzhen-health-commission', 'Plan:shenzhen-health-work-2025']);
  });

  test('the English name is a field, and list filters match it', async () => {
    const { organization, organizations } = await data(`{
      organization(id: "gd-health-commission") { nameEn }
      organizations(filter: { search: "municipal health" }, first: 10) { nodes { id nameEn } }
    }`);
    expect(organization.nameEn).toBe('Health Commission of Guangdong Province');
    expect(organizations.nodes).toEqual([
      { id: 'chongqing-health-commission', nameEn: 'Chongqing Municipal Health Commission' },
      { id: 'dongguan-health-bureau', nameEn: 'Dongguan Municipal Health Bureau' },
      { id: 'guangzhou-health-commission', nameEn: 'Guangzhou Municipal Health Commission' },
      { id: 'shenzhen-health-commission', nameEn: 'Shenzhen Municipal Health Commission' },
      { id: 'zhuhai-health-bureau', nameEn: 'Zhuhai Municipal Health Bureau' },
    ]);
  });

  test('hostile texts: too many words, nothing to search by, over-long', async () => {
    expect(await refusal(SEARCH, { text: 'a b c d e f g h i' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"text" must have at most 8 words; leave out the ones every name has.',
    });
    expect(await refusal(SEARCH, { text: ' ,.; ' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"text" must contain at least one letter or digit.',
    });
    expect(await refusal(SEARCH, { text: 'health '.repeat(8) + 'x'.repeat(50) })).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"text" must be at most 50 letters and digits.',
    });
    // Repeated words count once; a text of only the skipped words is searched as it is.
    expect(await hits('深圳 深圳 深圳 深圳 深圳 深圳 深圳 深圳 卫生')).toEqual([
      'Organization:shenzhen-health-commission',
      'Plan:shenzhen-health-work-2025',
    ]);
    const { search: skippedOnly } = await data(SEARCH, { text: 'of the and' });
    expect(skippedOnly).toHaveLength(10);
    for (const h of skippedOnly) expect(h.matchedText.toLowerCase().replace(/[^a-z]/g, '')).toMatch(/^(?=.*of)(?=.*the)(?=.*and)/);
    // LIKE's wildcards are text like any other punctuation: dropped.
    expect(await hits('Shenzhen% health_ commission')).toEqual(['Organization:shenzhen-health-commission']);
  });
});

describe('indicator aliases', () => {
  const CHILDCARE = [
    'Indicator:childcare-places-added',
    'Indicator:childcare-places-per-1000',
    'Indicator:national-subsidised-childcare-places',
    'Indicator:subsidised-childcare-place-share',
  ];

  test('托育 finds the 托位 indicators first, in search and in indicators(filter: { search })', async () => {
    expect((await hits('托育', 4)).slice(0, 4)).toEqual(CHILDCARE);
    const { indicators } = await data(`{ indicators(filter: { search: "托育" }, first: 20) { totalCount nodes { id name aliases } } }`);
    // Best match first: the four whose alias is 托育 itself, then the one whose alias starts with it.
    expect(indicators.nodes).toEqual([
      { id: 'childcare-places-added', name: '新增托位数', aliases: ['托育'] },
      { id: 'childcare-places-per-1000', name: '每千人口拥有3岁以下婴幼儿托位数', aliases: ['千人口托位数', '托育'] },
      { id: 'national-subsidised-childcare-places', name: '国家普惠托位数（成功申报）', aliases: ['托育'] },
      { id: 'subsidised-childcare-place-share', name: '普惠托位占总托位的比例', aliases: ['托育'] },
      { id: 'childcare-demo-sites', name: '婴幼儿照护优质服务示范点数', aliases: ['托育优质服务示范点'] },
    ]);
  });

  test("the texts' own spellings find their indicator: 表2's 每千人口拥有…床位数, 000's 千人口托位数, 居民人均预期寿命", async () => {
    expect((await hits('每千人口拥有医疗卫生机构床位数', 1))[0]).toBe('Indicator:beds-per-1000');
    expect((await hits('千人口托位数', 1))[0]).toBe('Indicator:childcare-places-per-1000');
    expect((await hits('居民人均预期寿命', 1))[0]).toBe('Indicator:life-expectancy');
    // 表1 and 表2 name two indicators differently; each spelling finds the one record.
    expect((await hits('因心脑血管疾病、癌症、慢性呼吸系统疾病和糖尿病导致的过早死亡率', 1))[0]).toBe(
      'Indicator:major-chronic-disease-premature-mortality',
    );
    expect((await hits('以乡镇（街道）为单位适龄儿童免疫规划疫苗接种率', 1))[0]).toBe('Indicator:child-immunization-coverage');
    const { indicators } = await data(`{ indicators(filter: { search: "市民健康素养水平" }) { nodes { id } } }`);
    expect(indicators.nodes).toEqual([{ id: 'health-literacy-rate' }]);
  });

  test('hostile filter texts are refused or matched literally', async () => {
    expect(await refusal(`{ indicators(filter: { search: "" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.search" must be 1 to 50 characters.',
    });
    expect(await refusal(`{ indicators(filter: { search: "${'托'.repeat(51)}" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.search" must be 1 to 50 characters.',
    });
    expect((await data(`{ indicators(filter: { search: "%" }) { totalCount } }`)).indicators.totalCount).toBe(0);
  });
});

describe('each kind’s type in one search selection', () => {
  test('`type` on Facility and Organization together fails validation; the type fields of their own answer', async () => {
    const old = await refusal(`{ search(text: "深圳") { node { ... on Facility { type } ... on Organization { type } } } }`);
    expect(old.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(old.message).toContain('"type" conflict because they return conflicting types "FacilityType!" and "OrganizationType!"');

    const { search } = await data(`{ search(text: "深圳", first: 50) { node { __typename
      ... on Facility { id facilityType type: facilityType } ... on Organization { id organizationType } ... on Project { id projectType } } } }`);
    const byId = Object.fromEntries(search.filter((h: any) => h.node.id).map((h: any) => [`${h.node.__typename}:${h.node.id}`, h.node]));
    expect(byId['Organization:shenzhen-health-commission']).toEqual({
      __typename: 'Organization',
      id: 'shenzhen-health-commission',
      organizationType: 'HEALTH_COMMISSION',
    });
    const facilities = search.filter((h: any) => h.node.__typename === 'Facility');
    expect(facilities.length).toBeGreaterThan(0);
    for (const f of facilities) expect(f.node.type).toBe(f.node.facilityType);
  });

  test('the old fields stay, deprecated with what to use instead', async () => {
    const { facility, project, organization } = await data(`{
      facility: __type(name: "Facility") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
      project: __type(name: "Project") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
      organization: __type(name: "Organization") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
    }`);
    const typeField = (t: { fields: { name: string }[] }) => t.fields.find((f) => f.name === 'type');
    expect(typeField(facility)).toEqual({
      name: 'type',
      isDeprecated: true,
      deprecationReason:
        'Use `facilityType`, the same value (`type` conflicts with `Project.type` and `Organization.type` in one `search` selection); removed after 2027-06-30',
    });
    expect(typeField(project)).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringMatching(/^Use `projectType`/) });
    expect(typeField(organization)).toMatchObject({
      isDeprecated: true,
      deprecationReason: expect.stringMatching(/^Use `organizationType`/),
    });
    const { facility: gmu } = await data(`{ facility(id: "gmu-first-affiliated-hospital") { type facilityType } }`);
    expect(gmu).toEqual({ type: 'GENERAL_HOSPITAL', facilityType: 'GENERAL_HOSPITAL' });
  });
});
