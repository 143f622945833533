import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * The cross-service suite's run folder: where each jest worker keeps its seeded template
 * (seeded-copies.ts). jest's global setup makes it and names it to the workers it forks in
 * RUN_DIR_VARIABLE; the global teardown removes it, the stacks' copies, and the PostgreSQL
 * databases the templates were kept in. (Loaded by jest outside the suite's module map, so it
 * imports no workspace package.)
 */
export const RUN_DIR_VARIABLE = 'HSG_TEST_RUN_DIR';

/** The marker a finished template leaves: it holds the template's PostgreSQL database, or nothing on SQLite. */
export const TEMPLATE_READY = 'ready';

// One template per worker, so workers never wait on each other; a worker jest replaces (its
// memory limit) keeps the id, and the template with it.
export const templateDir = (runDir: string) => path.join(copiesRoot(runDir), `template-${process.env.JEST_WORKER_ID ?? '1'}`);

/** Templates and copies are written often and never need to survive: on the RAM disk where there is one, else in the run's folder. */
export function copiesRoot(runDir: string): string {
  if (!existsSync(RAM_DISK)) return runDir;
  const root = path.join(RAM_DISK, path.basename(runDir));
  mkdirSync(root, { recursive: true });
  return root;
}
const RAM_DISK = '/dev/shm';

export async function setup(): Promise<void> {
  process.env[RUN_DIR_VARIABLE] = mkdtempSync(path.join(os.tmpdir(), 'hsg-tests-'));
}

export async function teardown(): Promise<void> {
  const runDir = process.env[RUN_DIR_VARIABLE];
  if (!runDir || !existsSync(runDir)) return;
  const root = copiesRoot(runDir);
  const templates = readdirSync(root)
    .map((entry) => path.join(root, entry, TEMPLATE_READY))
    .filter((ready) => existsSync(ready))
    .map((ready) => readFileSync(ready, 'utf8'))
    .filter(Boolean);
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl && templates.length) {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      for (const name of templates) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  rmSync(root, { recursive: true, force: true });
  rmSync(runDir, { recursive: true, force: true });
}
