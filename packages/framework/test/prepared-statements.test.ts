import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { PREPARED_STATEMENTS_MAX, PreparingDatabase } from '../src/persistence/prepared-statements';

/** A PreparingDatabase (in memory unless a file is given), with counts of the statements it prepared and finalized. */
async function open(file = ':memory:') {
  const db = await new Promise<PreparingDatabase>((resolve, reject) => {
    const opened: PreparingDatabase = new PreparingDatabase(file, (e: Error | null) => (e ? reject(e) : resolve(opened)));
  });
  const counts = { prepared: 0, finalized: 0 };
  const prepare = db.prepare.bind(db);
  db.prepare = ((...args: Parameters<typeof db.prepare>) => {
    counts.prepared++;
    const statement = prepare(...args);
    const finalize = statement.finalize.bind(statement);
    statement.finalize = ((callback?: (err: Error) => void) => {
      counts.finalized++;
      return finalize(callback);
    }) as typeof statement.finalize;
    return statement;
  }) as typeof db.prepare;
  const all = (sql: string, params: unknown[] = []) =>
    new Promise<unknown[]>((resolve, reject) => db.all(sql, params, (e: Error | null, rows: unknown[]) => (e ? reject(e) : resolve(rows))));
  const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (e: Error | null) => (e ? reject(e) : resolve())));
  const close = () => new Promise<void>((resolve, reject) => db.close((e: Error | null) => (e ? reject(e) : resolve())));
  return { db, counts, all, exec, close };
}

test('a SELECT is prepared once and run again with new parameters', async () => {
  const { counts, all, exec, close } = await open();
  await exec("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER); INSERT INTO t VALUES ('a', 1), ('b', 2), ('c', 3)");
  expect(await all('SELECT id FROM t WHERE n >= ? ORDER BY id', [2])).toEqual([{ id: 'b' }, { id: 'c' }]);
  expect(await all('SELECT id FROM t WHERE n >= ? ORDER BY id', [3])).toEqual([{ id: 'c' }]);
  // Concurrent runs of one text queue on its statement, each with its own parameters.
  const together = await Promise.all([1, 2, 3, 4].map((n) => all('SELECT id FROM t WHERE n >= ? ORDER BY id', [n])));
  expect(together.map((rows) => rows.length)).toEqual([3, 2, 1, 0]);
  expect(counts.prepared).toBe(1);
  // Writes and other statements are not kept.
  await all("INSERT INTO t VALUES ('d', 4)");
  await all('PRAGMA user_version');
  expect(await all('SELECT count(*) AS n FROM t')).toEqual([{ n: 4 }]);
  expect(counts.prepared).toBe(2);
  await close();
  expect(counts.finalized).toBe(2);
});

test('a SELECT that does not prepare answers with its error, is not kept, and the connection goes on', async () => {
  const { counts, all, close } = await open();
  await expect(all('SELECT nope FROM nowhere')).rejects.toThrow(/no such table: nowhere/);
  await expect(all('SELECT nope FROM nowhere')).rejects.toThrow(/no such table: nowhere/);
  expect(await all('SELECT ? AS one', [1])).toEqual([{ one: 1 }]);
  // Each failed call prepared anew; only the good one stays (close finalizes just that one).
  expect(counts.prepared).toBe(3);
  await close();
  expect(counts.finalized).toBe(1);
});

test(`at most ${PREPARED_STATEMENTS_MAX} are kept: the least recently used is finalized`, async () => {
  const { counts, all, close } = await open();
  for (let i = 0; i < PREPARED_STATEMENTS_MAX + 20; i++) expect(await all(`SELECT ${i} AS n`)).toEqual([{ n: i }]);
  expect(counts.finalized).toBe(20);
  // The most recent are still kept: running one again prepares nothing.
  await all(`SELECT ${PREPARED_STATEMENTS_MAX + 19} AS n`);
  expect(counts.prepared).toBe(PREPARED_STATEMENTS_MAX + 20);
  await close();
  expect(counts.finalized).toBe(PREPARED_STATEMENTS_MAX + 20);
});

test('an interrupted SELECT holds no read lock, and runs again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hsg-prepared-'));
  const file = path.join(dir, 'db.sqlite');
  const { db, all, exec, close } = await open(file);
  const other = new sqlite3.Database(file);
  try {
    await exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)');
    const slow =
      'SELECT count(*) AS n FROM t a, t b, t c, t d, t e, t f, t g, t h, t i, t j, t k, t l, t m, t o, t p, t q, t r WHERE a.n < ?';
    const running = all(slow, [5]);
    setTimeout(() => db.interrupt(), 50);
    await expect(running).rejects.toThrow(/SQLITE_INTERRUPT/);
    // Another connection writes at once: a read still open would make it SQLITE_BUSY.
    await new Promise<void>((resolve, reject) => other.run('INSERT INTO t VALUES (4)', (e: Error | null) => (e ? reject(e) : resolve())));
    expect(await all(slow.replace(/, t [d-r]/g, ''), [5])).toEqual([{ n: 64 }]);
  } finally {
    await new Promise((resolve) => other.close(resolve));
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PreparingDatabase is a sqlite3 Database, as TypeORM expects', () => {
  expect(PreparingDatabase.prototype).toBeInstanceOf(sqlite3.Database);
});
