import { postGraphQL, REPO_ROOT } from '@hsg/core';
import { type RunningSubgraph, startSeededSubgraph } from '@hsg/framework';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { staleAt } from '../src/post.resolver';
import { subgraph } from '../src/subgraph';

let server: RunningSubgraph;

beforeAll(async () => {
  server = await startSeededSubgraph(subgraph);
});
afterAll(async () => {
  await server?.stop();
});

const q = (query: string, variables?: Record<string, unknown>) => postGraphQL(server.url, query, variables);
const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

test("the Guangdong health commission's head at a date is the latest head post on record by then", async () => {
  const res = await q(`{ organization(id: "gd-health-commission") { name shortName type region { id } parent { id }
    in2020: head(asOf: "2020") { id }
    in2024: head(asOf: "2024") { id asOf titles person { name } }
    jan2025: head(asOf: "2025-01") { id }
    in2025: head(asOf: "2025") { id asOf titles person { name } }
    latest: head { id }
    posts(first: 2) { totalCount nodes { id } } } }`);
  expect(res.errors).toBeUndefined();
  const org = res.data.organization;
  expect(org).toMatchObject({
    name: '广东省卫生健康委员会',
    shortName: '省卫生健康委',
    type: 'HEALTH_COMMISSION',
    region: { id: '440000' },
    parent: null,
  });
  expect(org.in2020).toBeNull();
  // 2024 has only a deputy (黄飞, not head) on record, so the 2021 head is the latest sighting.
  expect(org.in2024).toEqual({ id: 'duan-yufei-gd-hc-2021', asOf: '2021', titles: ['党组书记', '主任'], person: { name: '段宇飞' } });
  expect(org.jan2025.id).toBe('liu-liqun-gd-hc-2025-01-22');
  expect(org.in2025).toEqual({
    id: 'liu-liqun-gd-hc-2025-03-03',
    asOf: '2025-03-03',
    titles: ['党组书记', '主任'],
    person: { name: '刘利群' },
  });
  expect(org.latest.id).toBe('liu-liqun-gd-hc-2025-03-03');
  expect(org.posts).toEqual({ totalCount: 10, nodes: [{ id: 'duan-yufei-gd-hc-2021' }, { id: 'huang-fei-gd-hc-2024' }] });
});

test("a person's posts and appearances; people search by name and organization", async () => {
  const res = await q(`{ person(id: "song-tie") { name
      posts { id titles isHead organization { id parent { id } } }
      appearances { role meeting { id date } } }
    byName: people(filter: { search: "刘" }) { nodes { id name } }
    byOrg: people(filter: { organizationId: "gd-disease-control-bureau" }) { nodes { id } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.person).toEqual({
    name: '宋铁',
    posts: [
      {
        id: 'song-tie-gd-dca-2025-02-27',
        titles: ['党组书记', '局长'],
        isHead: true,
        organization: { id: 'gd-disease-control-bureau', parent: { id: 'gd-health-commission' } },
      },
      {
        id: 'song-tie-gd-hc-2025-02-27',
        titles: ['党组成员', '副主任'],
        isHead: false,
        organization: { id: 'gd-health-commission', parent: null },
      },
    ],
    appearances: [
      { role: '出席会议并讲话', meeting: { id: 'gd-medical-emergency-food-safety-supervision-conference-2025', date: '2025-02-27' } },
    ],
  });
  expect(res.data.byName.nodes).toEqual([
    { id: 'liu-jianqing', name: '刘建清' },
    { id: 'liu-liqun', name: '刘利群' },
    { id: 'liu-yuanliang', name: '刘元亮' },
  ]);
  expect(ids(res.data.byOrg.nodes)).toEqual(['song-tie']);
});

test('a meeting lists who appeared in what role; meetings filter by date and region', async () => {
  const res = await q(`{ meeting(id: "gd-medical-admin-primary-care-conference-2025") { name date region { id } organizer { id }
      appearances { role person { id name } meeting { id } } }
    feb: meetings(filter: { from: "2025-02", to: "2025-02" }) { nodes { id date } }
    foshan: meetings(filter: { regionId: "440600" }) { nodes { id } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.meeting).toEqual({
    name: '2025年全省卫生健康医政基层工作会议',
    date: '2025',
    region: { id: '440100' },
    organizer: { id: 'gd-health-commission' },
    appearances: [
      {
        role: '出席会议并讲话',
        person: { id: 'liu-liqun', name: '刘利群' },
        meeting: { id: 'gd-medical-admin-primary-care-conference-2025' },
      },
      {
        role: '作工作报告',
        person: { id: 'wang-hongbin', name: '汪洪滨' },
        meeting: { id: 'gd-medical-admin-primary-care-conference-2025' },
      },
    ],
  });
  // Year-only dates ("2025") count from 1 January, so they fall before February.
  expect(res.data.feb.nodes).toEqual([
    { id: 'foshan-health-work-conference-2025', date: '2025-02-25' },
    { id: 'gd-health-foreign-affairs-conference-2025', date: '2025-02-25' },
    { id: 'gd-medical-emergency-food-safety-supervision-conference-2025', date: '2025-02-27' },
  ]);
  expect(ids(res.data.foshan.nodes)).toEqual(['foshan-health-work-conference-2025']);
});

test("Region.organizations and Region.officials cover the region's subtree", async () => {
  const res = await q(`{ _entities(representations: [{ __typename: "Region", id: "440000" }, { __typename: "Region", id: "440300" }]) {
    ... on Region { id organizations(first: 100) { totalCount nodes { id region { id } } }
      heads: officials(headsOnly: true) { nodes { id person { name } } }
      heads2024: officials(headsOnly: true, asOf: "2024") { nodes { id } } } } }`);
  expect(res.errors).toBeUndefined();
  const [gd, sz] = res.data._entities;
  expect(gd.organizations.totalCount).toBe(16);
  expect(ids(gd.organizations.nodes)).toEqual(
    expect.arrayContaining([
      'gd-health-commission',
      'gd-tcm-bureau',
      'gd-provincial-cdc',
      'cpc-guangdong-committee',
      'guangzhou-health-commission',
      'shenzhen-health-commission',
      'zhuhai-health-bureau',
      'dongguan-health-bureau',
    ]),
  );
  expect(gd.organizations.nodes.length).toBeGreaterThan(0);
  for (const o of gd.organizations.nodes) expect(o.region.id.startsWith('44')).toBe(true);
  expect(ids(sz.organizations.nodes)).toEqual(['shenzhen-health-commission']);
  expect(sz.heads.nodes).toEqual([
    { id: 'luo-lexuan-shenzhen-hc-2021', person: { name: '罗乐宣' } },
    { id: 'wu-hongyan-shenzhen-hc-2025', person: { name: '吴红艳' } },
  ]);
  expect(ids(sz.heads2024.nodes)).toEqual(['luo-lexuan-shenzhen-hc-2021']);
  expect(ids(gd.heads.nodes)).toEqual(
    expect.arrayContaining(['duan-yufei-gd-hc-2021', 'song-tie-gd-dca-2025-02-27', 'chen-bin-guangzhou-hc-2025']),
  );
  expect(ids(gd.heads.nodes)).not.toContain('li-xiaosong-hunan-hc-2024');
});

test("Region.officials(asOf) is each person's latest sighting by then, and only the organization's latest heads, paged in SQL", async () => {
  type P = { id: string; asOf: string; isHead: boolean; stale: boolean | null; person: { id: string }; organization: { id: string } };
  const FIELDS = 'id asOf isHead stale person { id } organization { id }';
  // Every page of a list, following its cursors.
  const pages = async (ask: (after: string | null) => Promise<{ nodes: P[]; pageInfo: { hasNextPage: boolean; endCursor: string } }>) => {
    const all: P[] = [];
    for (let after: string | null = null; ;) {
      const page = await ask(after);
      all.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor;
    }
  };
  let compared = 0;
  let stale = 0;
  for (const region of ['440000', '440100', '440300', '520000']) {
    for (const asOf of ['2021', '2024-06', '2025']) {
      for (const headsOnly of [false, true]) {
        const listed = await pages(async (after) => {
          const res = await q(
            `query ($after: String) { _entities(representations: [{ __typename: "Region", id: "${region}" }]) { ... on Region {
              officials(asOf: "${asOf}", headsOnly: ${headsOnly}, first: 7, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } } } }`,
            { after },
          );
          expect(res.errors).toBeUndefined();
          return res.data._entities[0].officials;
        });
        // The same picture worked out from every post on record by then, in list order.
        const posts = await pages(async (after) => {
          const res = await q(
            `query ($after: String) { posts(filter: { regionId: "${region}", to: "${asOf}"${headsOnly ? ', isHead: true' : ''} }, first: 100, after: $after) {
              nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`,
            { after },
          );
          expect(res.errors).toBeUndefined();
          return res.data.posts;
        });
        const latestHead = new Map<string, string>();
        const latestOfPerson = new Map<string, string>();
        for (const p of posts) {
          if (p.isHead) latestHead.set(p.organization.id, p.asOf);
          latestOfPerson.set(`${p.organization.id} ${p.person.id}`, p.id);
        }
        const expected = posts.filter(
          (p) =>
            latestOfPerson.get(`${p.organization.id} ${p.person.id}`) === p.id &&
            (!p.isHead || latestHead.get(p.organization.id) === p.asOf),
        );
        const answered = (posts: P[], stale: (p: P) => boolean | null) => posts.map((p) => ({ id: p.id, stale: stale(p) }));
        expect({ region, asOf, headsOnly, posts: answered(listed, (p) => p.stale) }).toEqual({
          region,
          asOf,
          headsOnly,
          posts: answered(expected, (p) => staleAt(p.asOf, asOf)),
        });
        compared += listed.length;
        stale += listed.filter((p) => p.stale).length;
      }
    }
  }
  // 12 of them more than a year older than the date asked.
  expect([compared, stale]).toEqual([54, 12]);
});

test('unknown ids and bad arguments give actionable errors', async () => {
  for (const [field, id] of [
    ['organization', 'no-such-body'],
    ['person', 'nobody'],
    ['post', 'no-post'],
    ['meeting', 'no-meeting'],
  ]) {
    const res = await q(`{ ${field}(id: "${id}") { id } }`);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0].message).toContain(id);
  }
  const bad = [
    `{ people(filter: { search: "" }) { totalCount } }`,
    `{ organization(id: "gd-health-commission") { head(asOf: "2024-13") { id } } }`,
    `{ meetings(filter: { from: "last week" }) { totalCount } }`,
    `{ organizations(first: 1000) { totalCount } }`,
    `{ _entities(representations: [{ __typename: "Region", id: "440000" }]) { ... on Region { organizations(filter: { regionId: "440100" }) { totalCount } } } }`,
  ];
  for (const query of bad) expect((await q(query)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('a list of N organizations with head, posts, parent and people costs the same statements for N = 1 and N = 20, less parents the page holds', async () => {
  // Start at gd-disease-control-bureau (offset 5 of 26 by id): it has a parent, a head, posts and a head who
  // appeared at a meeting, so N = 1 fires every loader that N = 20 does.
  const skip = await q(`{ organizations(first: 5) { pageInfo { endCursor } } }`);
  const after = skip.data.organizations.pageInfo.endCursor;
  // Person is reached through heads and through posts, so each goes in its own request: in one request
  // the two loads may or may not share a batch depending on timing.
  const cost = async (first: number) => {
    const statements: string[][] = [];
    for (const [fields, first0] of [
      [
        'parent { id name } head(asOf: "2025") { id person { name appearances { role } } }',
        { parent: { id: 'gd-health-commission' }, head: { id: 'song-tie-gd-dca-2025-02-27' } },
      ],
      ['posts { nodes { id person { id posts { id } } organization { id } } }', {}],
    ] as const) {
      server.counter.reset();
      const query = `query($after: String) { organizations(first: ${first}, after: $after) { nodes { id region { id } ${fields} } } }`;
      const res = await q(query, { after });
      expect(res.errors).toBeUndefined();
      expect(res.data.organizations.nodes).toHaveLength(first);
      expect(res.data.organizations.nodes[0]).toMatchObject({ id: 'gd-disease-control-bureau', ...first0 });
      statements.push([...server.counter.statements]);
    }
    return statements;
  };
  const parentsById = (statements: string[]) => statements.filter((s) => /FROM ("\w+"\.)?"organization" WHERE "id" IN/.test(s)).length;
  const [heads1, posts1] = await cost(1);
  const [heads20, posts20] = await cost(20);
  // Heads: the page with its rows, the parent by id, the heads' posts, their people, their meetings.
  expect(heads1).toHaveLength(5);
  expect(parentsById(heads1)).toBe(1);
  // At N = 20 every parent is among the page's own rows, which the by-id loader was given: no statement for them.
  expect(parentsById(heads20)).toBe(0);
  expect(heads20).toHaveLength(4);
  // Posts: the page, the posts' page, their people, the people's posts.
  expect(posts1).toHaveLength(4);
  expect(posts20).toHaveLength(4);
});

test('Region.organizations and Region.officials for N regions cost the same statements for N = 1 and N = 20', async () => {
  const regions = JSON.parse(readFileSync(path.join(REPO_ROOT, 'seeds', 'regions.json'), 'utf8')) as { id: string; level: string }[];
  const twenty = ['440000', ...regions.filter((r) => r.level === 'PREFECTURE').map((r) => r.id)].slice(0, 20);
  expect(twenty).toHaveLength(20);
  // Person is reached at two depths, so each field goes in its own request: in one request the two
  // loads may or may not share a batch depending on timing.
  const cost = async (regionIds: string[]) => {
    server.counter.reset();
    for (const fields of [
      'organizations { nodes { id head { id person { name } } } }',
      'officials(headsOnly: true) { nodes { id person { name } } }',
    ]) {
      const res = await q(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { ${fields} } } }`, {
        reps: regionIds.map((id) => ({ __typename: 'Region', id })),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data._entities).toHaveLength(regionIds.length);
    }
    return server.counter.count;
  };
  const one = await cost(['440000']);
  expect(one).toBeGreaterThanOrEqual(4);
  expect(await cost(twenty)).toBe(one);
});
