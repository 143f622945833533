import sqlite3 from 'sqlite3';
import { openDatabase } from '../src';

test("a SQLite data source leaves sqlite3's long stack traces off, and a failed statement still says what failed", async () => {
  const { dataSource } = await openDatabase({ name: 'common', entities: [], migrations: [], dataDir: ':memory:' });
  try {
    // sqlite3's verbose() replaces these methods with wrappers that build an Error and inspect
    // every argument of every statement; TypeORM calls it on the driver it loads.
    for (const method of ['all', 'run', 'get', 'prepare'] as const) {
      expect(sqlite3.Database.prototype[method].toString()).not.toContain('new Error()');
    }
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await expect(dataSource.query('SELECT nope')).rejects.toThrow(/no such column: nope/);
  } finally {
    await dataSource.destroy();
  }
});
