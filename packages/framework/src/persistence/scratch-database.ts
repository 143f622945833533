import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '@hsg/core';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../subgraph/subgraph';

/** A database that exists for one test run, benchmark or migration check, and is dropped after. */
export interface ScratchDatabase {
  /** A postgres:// URL of a new, empty database; undefined means SQLite (in memory or in a folder). */
  databaseUrl?: string;
  drop: () => Promise<void>;
}

/**
 * With the admin URL of a PostgreSQL server (TEST_DATABASE_URL when the suite runs on
 * PostgreSQL), creates a database of its own, so parallel suites and repeated starts never see
 * each other's rows; without one, the embedded SQLite is used and there is nothing to create.
 * `template` names a database to start from instead of an empty one.
 */
export async function scratchDatabase(adminUrl = process.env.TEST_DATABASE_URL, template?: string): Promise<ScratchDatabase> {
  if (!adminUrl) return { databaseUrl: undefined, drop: async () => {} };
  const name = `hsg_scratch_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // A template (another scratch database, by name, with no connection open) is copied file by file.
  await admin(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    databaseUrl: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE: a test that failed half-way may still hold connections.
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * A subgraph over the real seeds, as a test starts one: on a scratch database of its own when
 * TEST_DATABASE_URL is set, else in-memory SQLite, on a free port; `stop()` also drops the scratch.
 */
export async function startSeededSubgraph<C extends object>(def: SubgraphDefinition<C>): Promise<RunningSubgraph> {
  const scratch = await scratchDatabase();
  const server = await startSubgraph(def, {
    dataDir: ':memory:',
    databaseUrl: scratch.databaseUrl,
    seedsDir: path.join(REPO_ROOT, 'seeds'),
    port: 0,
  }).catch(async (e: unknown) => {
    // A start that fails leaves no scratch database behind.
    await scratch.drop();
    throw e;
  });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await scratch.drop();
    },
  };
}
