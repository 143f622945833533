import { postGraphQL } from '@hsg/core';
import { applyWrite, pageBatch, RegionScope, type RunningSubgraph, scopeCountOf, startSeededSubgraph } from '@hsg/framework';
import type { ObjectLiteral } from 'typeorm';
import { Facility } from '../src/facility';
import { subgraph } from '../src/subgraph';
import { contextOf, gz, source } from './agency';

// A region list's size is read from the counts its table's triggers keep (regionScopeCounts).
// These tests hold the counts against the rows themselves, after the seeds and after writes.

let server: RunningSubgraph;
beforeAll(async () => {
  server = await startSeededSubgraph(subgraph);
});
afterAll(async () => {
  await server?.stop();
});

/** Every non-zero count of a table's scope counts, as "digits:prefix" → n. */
async function keptCounts(table: string): Promise<Record<string, number>> {
  const rows: { digits: number; prefix: string; n: number }[] = await server.dataSource.query(
    `SELECT digits, prefix, n FROM ${table}_scope_count WHERE n <> 0`,
  );
  return Object.fromEntries(rows.map((r) => [`${r.digits}:${r.prefix}`, Number(r.n)]));
}

/** The same counts worked out here from the table's region ids: each id itself, and its first 2, 4 and 6 characters. */
async function countsOfRows(table: string): Promise<Record<string, number>> {
  const rows: { regionId: string | null }[] = await server.dataSource.query(`SELECT "regionId" FROM ${table}`);
  const counts: Record<string, number> = {};
  for (const { regionId } of rows) {
    if (regionId == null) continue;
    for (const key of [`0:${regionId}`, ...[2, 4, 6].map((n) => `${n}:${regionId.slice(0, n)}`)]) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const totalsOf = async (query: string) => {
  const res = await postGraphQL(server.url, query);
  expect(res.errors).toBeUndefined();
  return res.data._entities.map((e: Record<string, { totalCount: number }>) => Object.values(e)[0].totalCount);
};

test('the seeds leave every scope count equal to the rows it counts', async () => {
  for (const table of ['project', 'facility']) expect(await keptCounts(table)).toEqual(await countsOfRows(table));
  const projects = await keptCounts('project');
  expect([projects['2:44'], projects['4:4401'], projects['6:440115'], projects['0:greater-bay-area']]).toEqual([334, 305, 7, 3]);
});

test('a region list alone is counted from the scope counts, and gives the seeds’ exact totals; with another filter it counts its rows', async () => {
  const regions = (ids: string[], field: string) =>
    `{ _entities(representations: [${ids.map((id) => `{ __typename: "Region", id: "${id}" }`).join(', ')}]) { ... on Region { ${field} } } }`;
  server.counter.reset();
  // Guangdong, Guangzhou, Nansha, a named area (its 11 members and its own projects), a township.
  const all = ['440000', '440100', '440115', 'greater-bay-area', '440111113'];
  expect(await totalsOf(regions(all, 'projects(first: 1) { totalCount }'))).toEqual([334, 305, 7, 325, 0]);
  const counted = server.counter.statements.filter((s) => s.includes('project_scope_count'));
  expect(counted).toHaveLength(1);
  expect(counted[0]).not.toMatch(/COUNT\(\*\)/);

  server.counter.reset();
  expect(await totalsOf(regions(['440100', '440115'], 'projects(first: 1, filter: { type: [NEW_CAMPUS] }) { totalCount }'))).toEqual([
    14, 5,
  ]);
  expect(server.counter.statements.some((s) => s.includes('scope_count'))).toBe(false);
});

test('regions whose row sets overlap are counted from their rows, and the totals agree either way', async () => {
  const scope = new RegionScope(
    new Map([
      ['overlapping-area', ['440100', '440115']],
      ['disjoint-area', ['440100', '440300']],
    ]),
    new Set(['project']),
  );
  const list = (regionId: string) => {
    const qb = server.dataSource.getRepository<ObjectLiteral>('Project').createQueryBuilder('p').orderBy('p.id', 'ASC');
    scope.whereWithinAny(qb, 'p.regionId', [regionId]);
    return qb;
  };
  expect(scopeCountOf(list('overlapping-area'))).toBeUndefined();
  expect(scopeCountOf(list('disjoint-area'))?.scopes).toEqual([
    { digits: 0, prefix: 'disjoint-area' },
    { digits: 4, prefix: '4401' },
    { digits: 4, prefix: '4403' },
  ]);
  // Another condition after the scope: the list counts its own rows.
  expect(scopeCountOf(list('440100').andWhere('p.status IS NOT NULL'))).toBeUndefined();
  const request = { first: 1, after: null, order: { tag: 'Project:id', keys: ['id'] } };
  const pages = await pageBatch(server.dataSource, [list('overlapping-area'), list('disjoint-area')], request);
  const shenzhen = (await server.dataSource.query(`SELECT COUNT(*) AS n FROM project WHERE "regionId" LIKE '4403%'`))[0].n;
  expect(pages.map((p) => p.total)).toEqual([305, 305 + Number(shenzhen)]);
});

test('agency writes keep the scope counts: a create, a move to another region, and a removal', async () => {
  const ctx = contextOf(server, gz);
  const write = (mode: 'create' | 'update', next: (current: Facility) => Record<string, unknown>, expectedVersion?: number) =>
    applyWrite<Facility>(ctx, {
      entity: Facility,
      operation: mode === 'create' ? 'createFacility' : 'updateFacility',
      scope: 'facilities:write',
      id: 'scope-count-campus',
      mode,
      expectedVersion,
      next: (current) => next(current as Facility),
      source,
      input: { mode },
      regionOf: (f) => f.regionId ?? null,
    });
  const facilities = (regionId: string) =>
    totalsOf(
      `{ _entities(representations: [{ __typename: "Region", id: "${regionId}" }]) { ... on Region { facilities(first: 1) { totalCount } } } }`,
    );
  expect([await facilities('440100'), await facilities('440115'), await facilities('440106')]).toEqual([[110], [6], [1]]);

  await write('create', () => ({ id: 'scope-count-campus', name: '广州市南沙计数院区', type: 'GENERAL_HOSPITAL', regionId: '440115' }));
  expect(await keptCounts('facility')).toEqual(await countsOfRows('facility'));
  expect([await facilities('440100'), await facilities('440115'), await facilities('440106')]).toEqual([[111], [7], [1]]);

  await write('update', (current) => ({ ...current, regionId: '440106' }), 1);
  expect(await keptCounts('facility')).toEqual(await countsOfRows('facility'));
  expect([await facilities('440100'), await facilities('440115'), await facilities('440106')]).toEqual([[111], [6], [2]]);

  // A statement that changes several rows at once, and changes them back.
  const nansha = (await server.dataSource.query(`SELECT id FROM facility WHERE "regionId" = '440115'`)).map((r: { id: string }) => r.id);
  const moveNansha = (to: string) =>
    server.dataSource.query(`UPDATE facility SET "regionId" = '${to}' WHERE id IN (${nansha.map((id: string) => `'${id}'`).join(', ')})`);
  await moveNansha('440300');
  expect(await keptCounts('facility')).toEqual(await countsOfRows('facility'));
  expect(await facilities('440115')).toEqual([0]);
  await moveNansha('440115');

  await server.dataSource.query(`DELETE FROM facility WHERE id = 'scope-count-campus'`);
  expect(await keptCounts('facility')).toEqual(await countsOfRows('facility'));
  expect([await facilities('440100'), await facilities('440115'), await facilities('440106')]).toEqual([[110], [6], [1]]);
});
