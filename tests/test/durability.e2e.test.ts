import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureKeyPair, REPO_ROOT, signToken } from '@hsg/core';
import { AuditRecord, startSubgraph } from '@hsg/framework';
import { subgraph as facilities } from '@hsg/facilities';
import { freePort } from './ports';

/**
 * Nothing acknowledged is lost: writes stream through the built gateway into the built facilities
 * subgraph (SQLite in WAL mode, synchronous FULL), both are killed with SIGKILL mid-stream, and
 * the database is opened again. Every write that was answered with its new version is there with
 * its audit record, and no write is there by half (a record without its audit, or the reverse).
 */

function spawnBuilt(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(REPO_ROOT, entry)], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: 'ignore' });
}

async function ready(url: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let dir: string;
const children: ChildProcess[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-durable-'));
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('every acknowledged write survives SIGKILL of every process, with its audit record, and none is half-applied', async () => {
  const key = await ensureKeyPair(dir);
  const token = await signToken(key, {
    agency: 'guangzhou-health-commission',
    scopes: ['facilities:write'],
    regions: ['440100'],
    expires: '1h',
  });
  const [gatewayPort, facilitiesPort] = [await freePort(), await freePort()];
  const env = { DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(gatewayPort), FACILITIES_PORT: String(facilitiesPort) };
  children.push(spawnBuilt('services/facilities/dist/index.js', env));
  await ready(`http://127.0.0.1:${facilitiesPort}/_readiness`);
  children.push(spawnBuilt('gateway/dist/index.js', env));
  await ready(`http://127.0.0.1:${gatewayPort}/_health`);

  const acknowledged: string[] = [];
  let stop = false;
  const writer = async (stream: number) => {
    for (let i = 0; !stop; i++) {
      const id = `durable-${stream}-${i}`;
      try {
        const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: 'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id version } }',
            variables: {
              input: {
                record: { id, name: `持久测试医院${stream}-${i}`, type: 'GENERAL_HOSPITAL', regionId: '440115' },
                source: { title: '持久性测试' },
              },
            },
          }),
        });
        const body = (await res.json()) as { data?: { createFacility?: { id: string; version: number } } };
        if (body.data?.createFacility?.version === 1) acknowledged.push(id);
      } catch {
        return; // the gateway was killed mid-request: that write was never acknowledged
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
  for (const child of children) child.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);

  const reopened = await startSubgraph(facilities, { dataDir: dir, seedsDir: path.join(REPO_ROOT, 'seeds'), port: 0 });
  try {
    const stored: string[] = (await reopened.dataSource.query(`SELECT id FROM facility WHERE id LIKE 'durable-%'`)).map(
      (r: { id: string }) => r.id,
    );
    const audited = (await reopened.dataSource.getRepository(AuditRecord).find({ where: { operation: 'createFacility' } })).map(
      (a) => a.entityId,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(acknowledged.filter((id) => !stored.includes(id))).toEqual([]);
    expect([...stored].sort()).toEqual([...audited].sort());
  } finally {
    await reopened.stop();
  }
});
