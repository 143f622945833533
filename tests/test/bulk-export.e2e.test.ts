import { SUBGRAPH_NAMES, type RunningServer, type SubgraphName } from '@hsg/core';

import { startGateway } from '@hsg/gateway';
import { startStack, type Stack } from './stack';

/** `GET /export/bulk` through the gateway over the real seeds: whole entity families as CSV and NDJSON. */
let stack: Stack;
let onlyTrusted: RunningServer;
beforeAll(async () => {
  stack = await startStack();
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
  onlyTrusted = await startGateway({ port: 0, subgraphUrls, trustedDocumentsOnly: true });
});
afterAll(async () => {
  await onlyTrusted?.stop();
  await stack?.stop();
});

const bulk = (query: string, init?: RequestInit, gateway: RunningServer = stack.gateway) =>
  fetch(`${gateway.url.replace(/\/graphql$/, '/export/bulk')}?${query}`, init);
async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return ((await res.json()) as any).data;
}
const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1); // the file ends with CRLF

const PROJECT_COLUMNS =
  'id,inferred,note,version,updatedAt,name,aliases,type,designationBasis,campusBasis,planSection,status,statusAsOf,projectType,facility.id,designation.id,campus.id,region.id,plan.id,citations.lines,citations.quote,citations.source.id,statusReports.asOf,statusReports.status,statusReports.text,milestones.asOf,milestones.status,milestones.text,reports.asOf,reports.status,reports.text,reports.agency';

test('type=Project&format=csv is every project, every scalar field, citations flattened as /export does', async () => {
  const res = await bulk('type=Project&format=csv');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="projects.csv"');
  expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csvLines(bytes.toString('utf8'));
  expect(lines[0]).toBe(PROJECT_COLUMNS);
  const { projects } = await graphql('{ projects(first: 1) { totalCount } }');
  expect(projects.totalCount).toBe(352);
  expect(lines).toHaveLength(1 + 352);
  // Version 1 as loaded from the texts, stamped with the load's time.
  const campus = lines.find((l) => l.startsWith('gd-provincial-tcm-hospital-nansha,'));
  expect(campus?.replace(/,\d{4}-\d\d-\d\dT[\d:.]+Z,/, ',<loaded>,')).toBe(
    'gd-provincial-tcm-hospital-nansha,true,"Its district, 南沙区, is read off the name, as its facility\'s is; the text gives no address.",1,<loaded>,广东省中医院南沙医院,,NEW_CAMPUS,,"The project is the campus itself: its name is that of 广东省中医院南沙医院, a campus of 广东省中医院.",专栏5 工程1,PLANNED,2021,NEW_CAMPUS,gd-provincial-tcm-hospital-nansha,,gd-provincial-tcm-hospital-nansha,440115,gz-health-14th-fyp,002:2564,广东省中医院南沙医院,002,2021,PLANNED,建设,2021,PLANNED,建设,2021,PLANNED,建设,',
  );
  // Two citations become one row with the values joined, as in /export.
  expect(lines[1]).toMatch(
    /^academician-project-leading-project,false,.*,002:2332; 002:2154,实施院士项目引领工程; 推动院士项目引领工程落地生效,002; 002,2021; 2021,/,
  );
});

test('format=ndjson is one JSON object per line, nested as the graph returns it', async () => {
  const res = await bulk('type=Project&format=ndjson');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="projects.ndjson"');
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  const records = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(records).toHaveLength(352);
  expect(new Set(records.map((r) => r.id)).size).toBe(352);
  const { project } = await graphql(`
    {
      project(id: "guangzhou-respiratory-center") {
        id
        name
        type
        status
        statusAsOf
        facility {
          id
        }
        region {
          id
        }
        plan {
          id
        }
        citations {
          lines
          quote
          source {
            id
          }
        }
        statusReports {
          asOf
          status
          text
        }
      }
    }
  `);
  expect(records.find((r) => r.id === 'guangzhou-respiratory-center')).toMatchObject(project);
});

test('regionId narrows a family to the region and its subtree', async () => {
  const res = await bulk('type=Project&format=ndjson&regionId=440100');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="projects-440100.ndjson"');
  const records = (await res.text())
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  const { region } = await graphql('{ region(id: "440100") { projects(first: 1) { totalCount } } }');
  expect(region.projects.totalCount).toBeGreaterThan(0);
  expect(records).toHaveLength(region.projects.totalCount);
  for (const r of records) expect(r.region.id).toMatch(/^4401\d\d$/); // Guangzhou or one of its districts
  expect(records.some((r) => r.region.id === '440115')).toBe(true);
});

// Region is every division of China (44,714 rows, exported twice): a longer timeout, not a speed check.
test('every family with a root list exports all of its records in both formats', async () => {
  const families: Record<string, string> = {
    Designation: 'designations',
    Facility: 'facilities',
    Indicator: 'indicators',
    Meeting: 'meetings',
    Observation: 'observations',
    Organization: 'organizations',
    Person: 'people',
    Plan: 'plans',
    Programme: 'programmes',
    Project: 'projects',
    Region: 'regions',
    SourceDocument: 'sources',
    Target: 'targets',
  };
  const counts = await graphql(
    `{ ${Object.values(families)
      .map((f) => `${f}(first: 1) { totalCount }`)
      .join(' ')} }`,
  );
  for (const [type, field] of Object.entries(families)) {
    const total = counts[field].totalCount as number;
    expect(total).toBeGreaterThan(0);
    const csv = await bulk(`type=${type}&format=csv`);
    expect({ type, status: csv.status }).toEqual({ type, status: 200 });
    const lines = csvLines(await csv.text());
    expect({ type, header: lines[0].split(',')[0], rows: lines.length - 1 }).toEqual({ type, header: 'id', rows: total });
    const ndjson = await bulk(`type=${type}&format=ndjson`);
    expect({ type, rows: (await ndjson.text()).trimEnd().split('\n').length }).toEqual({ type, rows: total });
  }
}, 240000);

test('ETag: the same file has the same tag, If-None-Match answers 304, HEAD sends headers only', async () => {
  const a = await bulk('type=Facility&format=csv');
  const etag = a.headers.get('etag')!;
  await a.arrayBuffer();
  const b = await bulk('type=Facility&format=csv');
  expect(b.headers.get('etag')).toBe(etag);
  await b.arrayBuffer();
  const other = await bulk('type=Facility&format=ndjson');
  expect(other.headers.get('etag')).not.toBe(etag);
  await other.arrayBuffer();

  const cached = await bulk('type=Facility&format=csv', { headers: { 'if-none-match': etag } });
  expect(cached.status).toBe(304);
  expect(cached.headers.get('etag')).toBe(etag);
  expect(await cached.text()).toBe('');
  const stale = await bulk('type=Facility&format=csv', { headers: { 'if-none-match': '"something-older"' } });
  expect(stale.status).toBe(200);
  await stale.arrayBuffer();

  // A HEAD reads nothing, so it has no ETag (RFC 9110 lets it omit a field known only from the content).
  const head = await bulk('type=Facility&format=csv', { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('etag')).toBeNull();
  expect(head.headers.get('content-disposition')).toBe('attachment; filename="facilities.csv"');
  expect(head.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
});

test('bad parameters are 400 BAD_USER_INPUT with a GraphQL-shaped error naming the parameter', async () => {
  const cases: [string, string, string][] = [
    [
      'type=Hospital',
      'type',
      '"type" must be one of Designation, Facility, Indicator, Meeting, Observation, Organization, Person, Plan, Post, Programme, Project, Region, SourceDocument, Target; got "Hospital".',
    ],
    [
      'format=csv',
      'type',
      '"type" must be one of Designation, Facility, Indicator, Meeting, Observation, Organization, Person, Plan, Post, Programme, Project, Region, SourceDocument, Target; got nothing.',
    ],
    ['type=Project&format=xlsx', 'format', '"format" must be ndjson or csv; got "xlsx".'],
    [
      'type=Project&regionId=449999',
      'regionId',
      '"regionId": no region has id "449999". Use a GB/T 2260 code such as 440100, or an area slug.',
    ],
    ['type=Indicator&regionId=440100', 'regionId', '"regionId" does not apply to Indicator: its list has no region filter.'],
    ['type=Project&regionid=440100', 'regionid', 'Unknown parameter "regionid"; /export/bulk takes type, format, regionId, since.'],
    ['type=Project&type=Region', 'type', 'Give "type" once; got 2 values.'],
    [
      'type=Project&since=yesterday',
      'since',
      '"since" must be an ISO 8601 date or time such as 2026-12-01 or 2026-12-01T08:00:00Z; got "yesterday".',
    ],
    ['type=SourceDocument&since=2026-12-01', 'since', '"since" does not apply to SourceDocument: its records carry no update times.'],
  ];
  for (const [query, parameter, message] of cases) {
    const res = await bulk(query);
    expect({ query, status: res.status, body: await res.json() }).toEqual({
      query,
      status: 400,
      body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', parameter } }] },
    });
  }
  const post = await bulk('type=Project', { method: 'POST' });
  expect(post.status).toBe(405);
  expect(post.headers.get('allow')).toBe('GET, HEAD');
});

test('the export’s own queries run where only trusted documents may', async () => {
  const open = await bulk('type=Project&format=csv&regionId=440115');
  const trusted = await bulk('type=Project&format=csv&regionId=440115', undefined, onlyTrusted);
  expect(trusted.status).toBe(200);
  expect(trusted.headers.get('etag')).toBe(open.headers.get('etag'));
  expect(await trusted.text()).toBe(await open.text());
});

test('since downloads only the records written at or after a time: an incremental download after an agency write', async () => {
  const before = new Date().toISOString();
  const nothing = await bulk(`type=Facility&format=ndjson&since=2999-01-01`);
  expect(nothing.status).toBe(200);
  expect(await nothing.text()).toBe('');
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.keys.token()}` },
    body: JSON.stringify({
      query: 'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
      variables: {
        input: {
          record: { id: 'bulk-since-test-clinic', name: '增量导出测试诊所', type: 'OTHER', regionId: '440115' },
          source: { title: '增量导出测试' },
        },
      },
    }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
  const since = await bulk(`type=Facility&format=ndjson&since=${encodeURIComponent(before)}`);
  const lines = (await since.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => [l.id, l.version])).toEqual([['bulk-since-test-clinic', 1]]);
  const all = await bulk('type=Facility&format=ndjson');
  expect((await all.text()).trim().split('\n')).toHaveLength(132);
});
