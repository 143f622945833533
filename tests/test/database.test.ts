import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@hsg/core';
import { startSubgraph, type SubgraphOptions } from '@hsg/framework';
import { subgraph as facilities } from '@hsg/facilities';

const startFacilities = (options: SubgraphOptions) => startSubgraph(facilities, options);

/** A damaged SQLite file stops its subgraph at start, with a message naming the file and what to do. */
let dir: string;
let file: string;
let intact: Buffer;
const options = () => ({ dataDir: dir, seedsDir: path.join(REPO_ROOT, 'seeds'), port: 0 });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-db-'));
  file = path.join(dir, 'facilities.sqlite');
  const first = await startFacilities(options());
  await first.stop();
  intact = readFileSync(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (detail: string) =>
  `The database file ${file} is damaged (${detail}). Stop the graph, then delete the file to have the next start re-seed it from seeds/, or restore it from a backup.`;

test('an intact file opens in WAL mode with synchronous FULL, and readiness runs a statement on it', async () => {
  writeFileSync(file, intact);
  const running = await startFacilities(options());
  try {
    expect(await running.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await running.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    const ready = await fetch(running.url.replace(/\/graphql$/, '/_readiness'));
    expect(await ready.json()).toEqual({ status: 'ready' });
    await running.dataSource.destroy();
    const notReady = await fetch(running.url.replace(/\/graphql$/, '/_readiness'));
    expect(notReady.status).toBe(503);
  } finally {
    await running.stop();
  }
});

test('a file with zeroed pages is refused at start', async () => {
  const damaged = Buffer.from(intact);
  damaged.fill(0, 4096 * 3, 4096 * 8);
  writeFileSync(file, damaged);
  // SQLite notices while opening, or the integrity check finds the broken pages: either way it is refused.
  const error = await startFacilities(options()).then(
    () => null,
    (e: Error) => e,
  );
  expect(error?.message).toMatch(/is damaged \((SQLITE_CORRUPT: database disk image is malformed|quick_check: [^)]*Tree \d+ page \d+)/);
  expect(error?.message).toContain(`The database file ${file} is damaged`);
  expect(error?.message).toMatch(
    /\)\. Stop the graph, then delete the file to have the next start re-seed it from seeds\/, or restore it from a backup\.$/,
  );
});

test('a truncated file is refused at start', async () => {
  writeFileSync(file, intact.subarray(0, Math.floor(intact.length / 3)));
  await expect(startFacilities(options())).rejects.toThrow(refusal('SQLITE_CORRUPT: database disk image is malformed'));
});
