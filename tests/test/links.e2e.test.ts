import { postGraphQL } from '@hsg/core';

import { startStack, type Stack } from './stack';

/**
 * The links between records that used to live only in notes, asked through the gateway over the
 * real seeds: a designation and the project that sets it up, a campus and the projects that built
 * it, the texts' groupings with their members, and a plan's issuers as organizations.
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
const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

/** The first error's code and message, for the hostile cases. */
async function refusal(query: string) {
  const res = await postGraphQL(stack.gateway.url, query);
  return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message };
}

describe('a designation and the project that sets it up', () => {
  test('the national respiratory centre is designated, and its project under way since 2020, in one query', async () => {
    const { designation } = await data(`{
      designation(id: "national-respiratory-medical-center") {
        name status host { name }
        projects { id status statusAsOf planSection designationBasis }
      }
    }`);
    expect(designation).toEqual({
      name: '国家呼吸医学中心',
      status: 'DESIGNATED',
      host: { name: '广州医科大学附属第一医院' },
      projects: [
        {
          id: 'national-respiratory-medical-center',
          status: 'UNDER_CONSTRUCTION',
          statusAsOf: '2020',
          planSection: '专栏4 工程2',
          designationBasis:
            'The same passage names both (002:2318-2320: "依托广州医科大学附属第一医院设置国家呼吸医学中心"): the project is the setting-up of this 国家呼吸医学中心.',
        },
      ],
    });
  });

  test('a project names the designation it builds, whose ids differ', async () => {
    const { project } = await data(`{
      project(id: "national-comprehensive-regional-medical-center") { status designation { id kind status } }
    }`);
    expect(project).toEqual({
      status: 'PLANNED',
      designation: {
        id: 'national-regional-medical-center-general-sysu1',
        kind: 'NATIONAL_REGIONAL_MEDICAL_CENTER',
        status: 'UNDER_CONSTRUCTION',
      },
    });
  });

  test('53 designations have the project that builds them, and every link reads the same both ways', async () => {
    const { designations } = await data(`{
      designations(first: 100) { totalCount nodes { id projects { id designation { id } } } }
    }`);
    expect(designations.totalCount).toBe(98);
    const linked = designations.nodes.filter((d: { projects: unknown[] }) => d.projects.length > 0);
    expect(linked).toHaveLength(53);
    for (const d of linked) for (const p of d.projects) expect(p.designation.id).toBe(d.id);
    // A project with no such link answers null, not an error.
    const { project } = await data(`{ project(id: "zhishicheng-nanfang-hospital") { designation { id } designationBasis } }`);
    expect(project).toEqual({ designation: null, designationBasis: null });
  });
});

describe('a campus and the projects that built it', () => {
  test('the 12th hospital’s Huangpu campus, in use in 2024, links to its own build and the relocation', async () => {
    const { facility } = await data(`{
      facility(id: "gz-twelfth-peoples-hospital-huangpu") {
        name parent { name }
        builtBy { id type status statusAsOf facility { id } campus { id } }
      }
    }`);
    expect(facility).toEqual({
      name: '广州市第十二人民医院黄埔院区',
      parent: { name: '广州市第十二人民医院' },
      builtBy: [
        {
          id: 'gz-12th-hospital-huangpu-campus',
          type: 'NEW_CAMPUS',
          status: 'IN_OPERATION',
          statusAsOf: '2024',
          facility: { id: 'gz-twelfth-peoples-hospital-huangpu' },
          campus: { id: 'gz-twelfth-peoples-hospital-huangpu' },
        },
        {
          id: 'gz-12th-hospital-relocation',
          type: 'RELOCATION',
          // Started in 2020 (开工建设), still being built in 2021: the texts report no more.
          status: 'STARTED',
          statusAsOf: '2021',
          facility: { id: 'gz-twelfth-peoples-hospital' },
          campus: { id: 'gz-twelfth-peoples-hospital-huangpu' },
        },
      ],
    });
    const { project } = await data(`{ project(id: "gz-12th-hospital-relocation") { campusBasis } }`);
    expect(project.campusBasis).toMatch(/^A reading, not stated: /);
  });

  test('the relocation’s phase 2 built the rescue base its name gives', async () => {
    const { facility } = await data(`{ facility(id: "gz-nuclear-chemical-rescue-base") { builtBy { id campusBasis } } }`);
    expect(facility.builtBy).toEqual([
      {
        id: 'gz-12th-hospital-relocation-phase-2',
        campusBasis: 'The name says so: 广州市第十二人民医院易址新建二期（广州市核辐射及化学中毒救援基地） (002:1092-1094).',
      },
    ]);
  });

  test('18 of the 352 projects name the campus they build', async () => {
    type Page = {
      projects: {
        totalCount: number;
        nodes: { id: string; campus: { id: string } | null }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const withCampus: string[] = [];
    let seen = 0;
    let cursor: string | null = null;
    do {
      const page: Page = await data(
        `query($after: String) { projects(first: 100, after: $after) { totalCount nodes { id campus { id } } pageInfo { endCursor hasNextPage } } }`,
        { after: cursor },
      );
      expect(page.projects.totalCount).toBe(352);
      expect(page.projects.nodes.length).toBeGreaterThan(0);
      seen += page.projects.nodes.length;
      withCampus.push(...page.projects.nodes.filter((n) => n.campus).map((n) => n.id));
      cursor = page.projects.pageInfo.hasNextPage ? page.projects.pageInfo.endCursor : null;
    } while (cursor);
    expect(seen).toBe(352);
    expect(withCampus).toHaveLength(18);
    expect(withCampus).toEqual(
      expect.arrayContaining(['guangzhou-respiratory-center', 'gz-12th-hospital-relocation', 'sysu-first-nansha-hospital']),
    );
  });
});

const MEMBERS_1_1_6 = [
  ['national-respiratory-medical-center', '国家呼吸医学中心', '广州医科大学附属第一医院'],
  ['national-regional-medical-center-general-sysu1', '综合类国家区域医疗中心', '中山大学附属第一医院'],
  ['national-childrens-regional-medical-center', '国家儿童区域医疗中心', '广州市妇女儿童医疗中心'],
  ['national-cardiovascular-regional-medical-center', '国家心血管区域医疗中心', '广东省人民医院'],
  ['national-cancer-regional-medical-center', '国家肿瘤区域医疗中心', '中山大学肿瘤防治中心'],
  ['national-neurology-regional-medical-center', '国家神经区域医疗中心', '中山大学附属第三医院'],
  ['national-trauma-regional-medical-center', '国家创伤区域医疗中心', '南方医科大学南方医院'],
  ['national-stomatology-regional-medical-center', '国家口腔区域医疗中心', '中山大学附属口腔医院'],
];

describe('programmes and groupings', () => {
  test('"1+1+6" lists its eight members, with their hosts and the projects setting them up', async () => {
    const { programme } = await data(`{
      programme(id: "national-medical-centres-1-1-6") {
        name planSection plan { id } project { id type }
        designations { id name host { name } }
        projects { id designation { id } }
      }
    }`);
    expect(programme.name).toBe('国家医学中心和区域医疗中心“1+1+6”项目');
    expect(programme.planSection).toBe('专栏4 工程2');
    expect(programme.plan).toEqual({ id: 'gz-health-14th-fyp' });
    expect(programme.project).toEqual({ id: 'national-medical-centers-1-1-6', type: 'PROGRAMME' });
    expect(programme.designations.map((d: { id: string; name: string; host: { name: string } }) => [d.id, d.name, d.host.name])).toEqual(
      MEMBERS_1_1_6,
    );
    // Each member project builds the member designation in the same place of the list.
    expect(programme.projects.map((p: { designation: { id: string } }) => p.designation.id)).toEqual(MEMBERS_1_1_6.map(([id]) => id));
  });

  test('a member names its programme, from either side', async () => {
    const { designation, project, listed, other } = await data(`{
      designation(id: "national-trauma-regional-medical-center") { programmes { id } }
      project(id: "national-trauma-regional-medical-center") { programmes { id } }
      listed: project(id: "zhishicheng-nanfang-hospital") { programmes { id } }
      other: project(id: "gz-tcm-hospital-tongde-branch") { programmes { id } }
    }`);
    expect(designation.programmes).toEqual([{ id: 'national-medical-centres-1-1-6' }]);
    // The project is listed under 专栏4 工程2 too: the heading's programme holds it.
    expect(project.programmes).toEqual([{ id: 'medical-highland-project' }, { id: 'national-medical-centres-1-1-6' }]);
    // A project of a 专栏 heading's list names that heading; one of the review of 2016–2020, none.
    expect(listed.programmes).toEqual([{ id: 'quality-medical-resource-expansion-project' }]);
    expect(other.programmes).toEqual([]);
  });

  test('专栏6 tells its health-industry clusters from its social-capital hospitals', async () => {
    const { programmes } = await data(`{
      programmes(filter: { search: "专栏6" }) { totalCount nodes { id name projects { name } } }
    }`);
    expect(programmes.totalCount).toBe(2);
    const byId = Object.fromEntries(programmes.nodes.map((g: { id: string; projects: { name: string }[] }) => [g.id, g]));
    expect(byId['gz-14th-fyp-health-industry-clusters'].name).toBe('健康产业集聚区（专栏6）');
    expect(byId['gz-14th-fyp-health-industry-clusters'].projects.map((p: { name: string }) => p.name)).toEqual([
      '广州国际生物岛',
      '广州科学城',
      '中新广州知识城',
      '粤港澳大湾区生命健康产业创新区（越秀）',
      '广州国际健康产业城',
      '广州荔湾粤港澳大湾区医药健康综合试验区',
      '南沙新区国家健康医疗旅游示范基地',
      '大坦沙国际健康生态岛',
      '广州国际医药港',
      '穗港澳国际健康产业城',
      '白云美湾美丽健康产业园',
    ]);
    expect(byId['gz-14th-fyp-social-capital-hospitals'].projects.map((p: { name: string }) => p.name)).toEqual([
      '广州富力医院',
      '凯利综合医院',
      '广东珠江惠仁医院',
      '广州挂绿新城综合医院（特色医院）',
      '广州龙城国际康复医疗中心',
      '泰康国际医康养中心',
      '前海人寿（广州）国际医院',
    ]);
  });

  test('a 专栏 heading is a programme, not a project: its members are the items listed under it', async () => {
    const { programme, items } = await data(`{
      programme(id: "tcm-talent-cultivation-project") { name planSection project { id } projects { id planSection } }
      items: projects(filter: { search: "专栏5 工程2" }, first: 50) { totalCount nodes { id type } }
    }`);
    expect(programme.name).toBe('中医药人才培育工程');
    expect(programme.planSection).toBe('专栏5 工程2');
    expect(programme.project).toBeNull();
    expect(programme.projects).toHaveLength(8);
    for (const p of programme.projects) expect(p.planSection.split('; ')).toContain('专栏5 工程2');
    // The heading is no project, so a search for its part gives the items only: the programme's members.
    expect(ids(items.nodes).sort()).toEqual(ids(programme.projects).sort());
    expect(await refusal(`{ project(id: "tcm-talent-cultivation-project") { id } }`)).toEqual({
      code: 'NOT_FOUND',
      message: 'No Project has id "tcm-talent-cultivation-project".',
    });
  });

  test('a heading the chapter text names as work to do is a programme that names that project', async () => {
    const { programme, project } = await data(`{
      programme(id: "primary-care-quality-efficiency-project") { planSection project { id planSection } projects { id } }
      project(id: "primary-care-quality-efficiency-project") { planSection programmes { id } }
    }`);
    expect(programme.planSection).toBe('专栏4 工程3');
    expect(programme.project).toEqual({ id: 'primary-care-quality-efficiency-project', planSection: '第七章第三节' });
    expect(ids(programme.projects)).toEqual([
      'primary-care-function-upgrade',
      'gz-primary-doctor-gp-capability-3yr-training',
      'family-doctor-team-snowball-training',
      'gold-family-doctor-nursing-training-hk',
    ]);
    // The project is the chapter's mention, not a member of the heading's list.
    expect(project).toEqual({ planSection: '第七章第三节', programmes: [] });
  });

  test('a plan section looked up as a grouping: the part itself, or every grouping within a box', async () => {
    const { part, box, six, chapter, either, padded } = await data(`{
      part: programmes(filter: { planSection: "专栏4 工程2" }) { nodes { id } }
      box: programmes(filter: { planSection: "专栏4" }) { nodes { id planSection } }
      six: programmes(filter: { planSection: "专栏6" }) { totalCount }
      chapter: programmes(filter: { planSection: "第七章第三节" }) { totalCount }
      either: programmes(filter: { or: [{ planSection: "专栏1" }, { planSection: "专栏7 工程2" }] }) { nodes { id } }
      padded: programmes(filter: { planSection: " 专栏4  工程3 " }) { nodes { id } }
    }`);
    // The heading's grouping and the "1+1+6" listed in it.
    expect(ids(part.nodes)).toEqual(['medical-highland-project', 'national-medical-centres-1-1-6']);
    expect(box.nodes.map((g: { id: string; planSection: string }) => [g.id, g.planSection])).toEqual([
      ['medical-highland-project', '专栏4 工程2'],
      ['national-medical-centres-1-1-6', '专栏4 工程2'],
      ['primary-care-quality-efficiency-project', '专栏4 工程3'],
      ['quality-medical-resource-expansion-project', '专栏4 工程1'],
    ]);
    expect(six.totalCount).toBe(2);
    // A chapter names no grouping: the chapter's mention is a project, which the grouping names.
    expect(chapter.totalCount).toBe(0);
    expect(ids(either.nodes)).toEqual([
      'digital-health-project',
      'gz-cdc-core-capacity-programme',
      'gz-health-emergency-capacity-programme',
    ]);
    expect(ids(padded.nodes)).toEqual(['primary-care-quality-efficiency-project']);
    // Whole parts only: a box number is not the start of another's, and no wildcard matches.
    const { one, wildcard } = await data(`{
      one: programmes(filter: { planSection: "专栏" }) { totalCount }
      wildcard: programmes(filter: { planSection: "专栏%" }) { totalCount }
    }`);
    expect([one.totalCount, wildcard.totalCount]).toEqual([0, 0]);
    expect(await refusal(`{ programmes(filter: { planSection: "  " }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.planSection" must be 1 to 50 characters.',
    });
  });

  test('the programmes list: all nineteen, by name, by source', async () => {
    const { all, byName, bySource, none } = await data(`{
      all: programmes { totalCount nodes { id } }
      byName: programmes(filter: { search: "1+1+6" }) { nodes { id } }
      bySource: programmes(filter: { sourceId: "002" }) { totalCount }
      none: programmes(filter: { sourceId: "003" }) { totalCount }
    }`);
    expect(ids(all.nodes)).toEqual([
      'digital-health-project',
      'gz-14th-fyp-health-industry-clusters',
      'gz-14th-fyp-social-capital-hospitals',
      'gz-cdc-core-capacity-programme',
      'gz-childcare-services-increment-programme',
      'gz-elderly-health-programme',
      'gz-health-emergency-capacity-programme',
      'gz-health-promotion-education-programme',
      'gz-maternal-child-health-programme',
      'gz-mental-health-system-programme',
      'gz-occupational-health-protection-programme',
      'health-talent-sci-tech-capacity-project',
      'medical-highland-project',
      'national-medical-centres-1-1-6',
      'primary-care-quality-efficiency-project',
      'quality-medical-resource-expansion-project',
      'tcm-culture-display-promotion-project',
      'tcm-service-system-strengthening-project',
      'tcm-talent-cultivation-project',
    ]);
    expect(ids(byName.nodes)).toEqual(['national-medical-centres-1-1-6']);
    expect([bySource.totalCount, none.totalCount]).toEqual([19, 0]);
  });

  test('hostile: an unknown programme, an empty or overlong search, a malformed source id', async () => {
    expect(await refusal(`{ programme(id: "no-such-programme") { id } }`)).toEqual({
      code: 'NOT_FOUND',
      message: 'No Programme has id "no-such-programme".',
    });
    expect(await refusal(`{ programmes(filter: { search: "  " }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.search" must be 1 to 50 characters.',
    });
    expect(await refusal(`{ programmes(filter: { search: "${'专'.repeat(51)}" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.search" must be 1 to 50 characters.',
    });
    expect(await refusal(`{ programmes(filter: { sourceId: "2%" }) { totalCount } }`)).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.sourceId" must be a three-digit source id such as "003" (see Citation.source); got "2%".',
    });
    // A LIKE wildcard is a character like any other: it matches no name.
    const { programmes } = await data(`{ programmes(filter: { search: "%" }) { totalCount } }`);
    expect(programmes.totalCount).toBe(0);
  });
});

describe('a plan’s issuers as organizations', () => {
  test('the six issuers of the mutual-recognition plan, resolved in the officials subgraph', async () => {
    const { plan } = await data(`{
      plan(id: "gd-test-result-mutual-recognition") { issuer issuers { id name shortName region { id } } }
    }`);
    expect(plan.issuer).toBe(
      '广东省卫生健康委员会、广东省发展和改革委员会、广东省财政厅、广东省医疗保障局、广东省中医药局、广东省疾病预防控制中心',
    );
    expect(plan.issuers.map((o: { id: string; name: string }) => [o.id, o.name])).toEqual([
      ['gd-health-commission', '广东省卫生健康委员会'],
      ['gd-development-reform-commission', '广东省发展和改革委员会'],
      ['gd-finance-department', '广东省财政厅'],
      ['gd-healthcare-security-bureau', '广东省医疗保障局'],
      ['gd-tcm-bureau', '广东省中医药局'],
      ['gd-provincial-cdc', '广东省疾病预防控制中心'],
    ]);
    expect(plan.issuers[5]).toMatchObject({ shortName: '省疾病预防控制中心', region: { id: '440000' } });
  });

  test('every plan with an issuer names it as organizations; a plan whose text names none has none', async () => {
    const { plans } = await data(`{ plans(first: 100) { totalCount nodes { id issuer issuers { name } } } }`);
    expect(plans.totalCount).toBe(15);
    const withIssuer = plans.nodes.filter((p: { issuer: string | null }) => p.issuer);
    expect(withIssuer).toHaveLength(10);
    for (const p of withIssuer) expect(p.issuers.map((o: { name: string }) => o.name).join('、')).toBe(p.issuer);
    const fyp = plans.nodes.find((p: { id: string }) => p.id === 'gz-health-14th-fyp');
    expect(fyp).toEqual({ id: 'gz-health-14th-fyp', issuer: null, issuers: [] });
  });
});
