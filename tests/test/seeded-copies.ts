import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratchDatabase } from '@hsg/framework';
import { copiesRoot, RUN_DIR_VARIABLE, TEMPLATE_READY, templateDir } from './run-folder';

/**
 * Stacks over the real seeds start from a copy of one seeded stack's databases instead of seeding
 * their own. Seeding the regions' 44,706 code-list divisions took 6–9 s of every stack's start on
 * a 2-core machine, and about forty files start a stack, on SQLite and again on PostgreSQL.
 *
 * The first stack a jest worker starts seeds the template (every owner, and search once it has
 * followed their feeds) into the run's folder (RUN_DIR_VARIABLE, made and removed by the
 * tests' global setup and teardown); every later one copies it: the SQLite files into a folder of
 * their own on a RAM disk where there is one, or `CREATE DATABASE … TEMPLATE` on PostgreSQL. The
 * copies start with `mergeSeeds: false`, which skips only the comparison of each seed with a row
 * that a copy of a just-seeded database cannot fail. A stack over other seeds seeds its own.
 */

/** A database a stack starts on: SQLite files in `dataDir`, or the PostgreSQL database at `databaseUrl`. */
export interface StackDatabase {
  dataDir: string;
  databaseUrl?: string;
  drop: () => Promise<void>;
}

/** Seeds the template's databases: starts a stack on them, waits until search has followed, stops it. */
export type SeedTemplate = (database: { dataDir: string; databaseUrl?: string }) => Promise<void>;

/** A fresh copy of the seeded template, seeding the template first if this worker has none; undefined outside a test run. */
export async function seededCopy(seed: SeedTemplate): Promise<StackDatabase | undefined> {
  const runDir = process.env[RUN_DIR_VARIABLE];
  if (!runDir) return undefined;
  const dir = templateDir(runDir);
  const ready = path.join(dir, TEMPLATE_READY);
  if (!existsSync(ready)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const scratch = await scratchDatabase();
    await seed({ dataDir: path.join(dir, 'sqlite'), databaseUrl: scratch.databaseUrl }).catch(async (e: unknown) => {
      await scratch.drop();
      throw e;
    });
    // The PostgreSQL template is kept (by name) until the global teardown drops it.
    writeFileSync(ready, scratch.databaseUrl ? databaseName(scratch.databaseUrl) : '');
  }
  const template = readFileSync(ready, 'utf8');
  if (template) {
    const scratch = await scratchDatabase(undefined, template);
    return { dataDir: ':memory:', databaseUrl: scratch.databaseUrl, drop: scratch.drop };
  }
  const copy = mkdtempSync(path.join(copiesRoot(runDir), 'stack-'));
  cpSync(path.join(dir, 'sqlite'), copy, { recursive: true });
  return { dataDir: copy, drop: async () => rmSync(copy, { recursive: true, force: true }) };
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);
