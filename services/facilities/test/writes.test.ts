import path from 'node:path';
import { type Caller, REPO_ROOT } from '@hsg/core';
import { applyWrite, type BaseContext, type RunningSubgraph, scratchDatabase, startSeededSubgraph, startSubgraph } from '@hsg/framework';
import { Facility } from '../src/facility';
import { subgraph } from '../src/subgraph';
import { contextOf, gz, source } from './agency';

let server: RunningSubgraph;
beforeAll(async () => {
  server = await startSeededSubgraph(subgraph);
});
afterAll(async () => {
  await server?.stop();
});

const ctxOf = (caller: Caller): BaseContext => contextOf(server, caller);
const newFacility = { id: 'nansha-test-campus', name: '广州市南沙测试院区', type: 'GENERAL_HOSPITAL', regionId: '440115' };
const create = (caller: Caller, record: Record<string, unknown> = newFacility, extra: object = {}) =>
  applyWrite<Facility>(ctxOf(caller), {
    entity: Facility,
    operation: 'createFacility',
    scope: 'facilities:write',
    id: record.id as string,
    mode: 'create',
    next: () => ({ ...record }),
    source,
    input: { record, source },
    regionOf: (f) => f.regionId ?? null,
    ...extra,
  });

const auditCount = async () => Number((await server.dataSource.query('SELECT COUNT(*) AS n FROM audit_record'))[0].n);

test('a create writes version 1 with its derived columns and one audit record, in one transaction', async () => {
  const before = await auditCount();
  const f = await create(gz);
  expect(f).toMatchObject({ id: 'nansha-test-campus', version: 1, citations: [], aliases: [], regionId: '440115' });
  expect(f.pinyin).toBe('guangzhoushinanshaceshiyuanqu gzsnscsyq');
  expect(await auditCount()).toBe(before + 1);
  const [audit] = await server.dataSource.query(
    `SELECT agency, operation, version, source FROM audit_record WHERE "entityId" = 'nansha-test-campus'`,
  );
  expect(audit).toMatchObject({ agency: 'gz-health-commission', operation: 'createFacility', version: 1 });
  expect(JSON.parse(audit.source)).toEqual(source);
  await expect(create(gz)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 1 } });
});

test('refusals change nothing and say what is wrong', async () => {
  const before = await auditCount();
  const anonymous: Caller = { kind: 'anonymous' };
  await expect(create(anonymous, { ...newFacility, id: 'x-1' })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  const reader: Caller = { ...gz, scopes: ['indicators:write'] } as Caller;
  await expect(create(reader, { ...newFacility, id: 'x-2' })).rejects.toThrow(
    "The token's scopes are indicators:write; this needs facilities:write.",
  );
  await expect(create(gz, { ...newFacility, id: 'x-3', regionId: '440305' })).rejects.toThrow(
    'The token covers regions 440100; 440305 is outside it.',
  );
  await expect(create(gz, { ...newFacility, id: 'x-4', type: 'CASTLE' })).rejects.toMatchObject({
    extensions: { code: 'BAD_USER_INPUT', field: 'input.type' },
  });
  await expect(create(gz, { ...newFacility, id: 'x-5', parentId: 'no-such-hospital' })).rejects.toThrow(
    'input.parentId: no Facility has id "no-such-hospital"',
  );
  await expect(create(gz, { ...newFacility, id: 'Not A Slug' })).rejects.toMatchObject({ extensions: { field: 'input.id' } });
  expect(await auditCount()).toBe(before);
  expect(await server.dataSource.query(`SELECT id FROM facility WHERE id LIKE 'x-%'`)).toEqual([]);
});

test('an idempotency key returns the first result on a retry and refuses another input', async () => {
  const record = { ...newFacility, id: 'nansha-retry-campus' };
  const first = await create(gz, record, { idempotencyKey: 'k-1' });
  const before = await auditCount();
  const again = await create(gz, record, { idempotencyKey: 'k-1' });
  expect(again).toMatchObject({ id: 'nansha-retry-campus', version: first.version, updatedAt: first.updatedAt });
  expect(await auditCount()).toBe(before);
  await expect(create(gz, { ...record, name: '别的名字' }, { idempotencyKey: 'k-1' })).rejects.toThrow(
    /already used for a different request/,
  );
});

test('a later start with changed seeds updates the text-derived records and keeps what agencies wrote', async () => {
  const { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const seeds = mkdtempSync(path.join(tmpdir(), 'hsg-seeds-'));
  const data = mkdtempSync(path.join(tmpdir(), 'hsg-data-'));
  for (const f of readdirSync(path.join(REPO_ROOT, 'seeds')))
    if (f.endsWith('.json')) copyFileSync(path.join(REPO_ROOT, 'seeds', f), path.join(seeds, f));
  // Its own database: the suite's subgraph holds the other one.
  const database = await scratchDatabase();
  const open = () => startSubgraph(subgraph, { dataDir: data, databaseUrl: database.databaseUrl, seedsDir: seeds, port: 0 });
  const rowOf = async (s: RunningSubgraph, id: string) =>
    (await s.dataSource.getRepository(Facility).findOne({ where: { id }, select: { name: true, version: true } })) ?? undefined;
  const audits = async (s: RunningSubgraph) => Number((await s.dataSource.query(`SELECT COUNT(*) AS n FROM audit_record`))[0].n);
  try {
    let s = await open();
    const ctx = contextOf(s, gz);
    // The agency renames one text-derived hospital.
    await applyWrite(ctx, {
      entity: Facility,
      operation: 'updateFacility',
      scope: 'facilities:write',
      id: 'nansha-blood-station',
      mode: 'update',
      expectedVersion: 1,
      next: (current) => ({ ...current, name: '南沙区中心血站' }),
      source,
      input: { rename: true },
      regionOf: (f) => f.regionId ?? null,
    });
    const before = await audits(s);
    await s.stop();

    // The same seeds again: nothing changes.
    s = await open();
    expect(await audits(s)).toBe(before);
    await s.stop();

    // The seeds change the name of that hospital and of another one.
    const facilities = JSON.parse(readFileSync(path.join(seeds, 'facilities.json'), 'utf8'));
    facilities.find((f: { id: string }) => f.id === 'nansha-blood-station').name = '南沙血站（新名）';
    facilities.find((f: { id: string }) => f.id === 'gz-chest-hospital').name = '广州市胸科医院（新名）';
    writeFileSync(path.join(seeds, 'facilities.json'), JSON.stringify(facilities));
    s = await open();
    expect(await rowOf(s, 'gz-chest-hospital')).toEqual({ name: '广州市胸科医院（新名）', version: 2 });
    expect(await rowOf(s, 'nansha-blood-station')).toEqual({ name: '南沙区中心血站', version: 2 });
    expect(await audits(s)).toBe(before + 1);
    await s.stop();
  } finally {
    await database.drop();
    rmSync(seeds, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});
