import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SUBGRAPHS } from '@hsg/core';
import {
  MIGRATIONS_TABLE,
  openDatabase,
  openSubgraphDatabase,
  pendingSchemaChanges,
  scratchDatabase,
  type ScratchDatabase,
  type SubgraphDefinition,
} from '@hsg/framework';
import { subgraphDefinition } from '@hsg/schema';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

// Runs on the engine the suite runs on: SQLite files, or PostgreSQL when TEST_DATABASE_URL is set.
const ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'first-release-schema');
const SEEDS = path.join(REPO_ROOT, 'seeds');

const definitions = SUBGRAPHS.map((s) => subgraphDefinition(s.package));
const namesOf = (def: SubgraphDefinition<object>) => def.migrations.map((m) => new m().name);

let dir: string;
let scratch: ScratchDatabase;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hsg-migrations-'));
  scratch = await scratchDatabase();
});
afterEach(async () => {
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

const open = (def: SubgraphDefinition<object>) =>
  openDatabase({ name: def.name, entities: def.entities, migrations: def.migrations, dataDir: dir, databaseUrl: scratch.databaseUrl });

const appliedNames = async (dataSource: DataSource) =>
  ((await dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY timestamp`)) as { name: string }[]).map((r) => r.name);

/** Runs a first-release DDL file as that release's start would have left the database. */
async function createFirstReleaseTables(subgraph: string): Promise<void> {
  const ddl = readFileSync(path.join(FIXTURES, `${subgraph}.${ENGINE}.sql`), 'utf8');
  if (scratch.databaseUrl) {
    const client = new Client({ connectionString: scratch.databaseUrl });
    await client.connect();
    try {
      await client.query(ddl);
    } finally {
      await client.end();
    }
    return;
  }
  const file = new DataSource({ type: 'sqlite', database: path.join(dir, `${subgraph}.sqlite`) });
  await file.initialize();
  try {
    const statements = ddl
      .split(';\n')
      .map((s) => s.replace(/^--.*\n/gm, '').trim())
      .filter(Boolean);
    for (const sql of statements) await file.query(sql);
  } finally {
    await file.destroy();
  }
}

test.each(definitions.map((d) => [d.name, d]))(
  'from an empty database, the %s migrations build exactly the tables its entities declare',
  async (_name, def) => {
    const { dataSource } = await open(def);
    try {
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      expect(await appliedNames(dataSource)).toEqual(namesOf(def));
    } finally {
      await dataSource.destroy();
    }
  },
);

test('a start applies only the pending migrations, and refuses a database a newer release migrated', async () => {
  const def = definitions.find((d) => d.name === 'facilities')!;
  const first = await open(def);
  await first.dataSource.destroy();

  const again = await open(def);
  const applied = await appliedNames(again.dataSource);
  expect(applied).toEqual(namesOf(def));
  await again.dataSource.query(
    `INSERT INTO ${MIGRATIONS_TABLE} (timestamp, name) VALUES (1893456000000, 'FromANewerRelease1893456000000')`,
  );
  await again.dataSource.destroy();

  await expect(open(def)).rejects.toThrow(
    /facilities.* has migrations this release does not know \(FromANewerRelease1893456000000\): a newer release upgraded it/,
  );
});

test.each(definitions.map((d) => [d.name, d]))(
  'a %s database made by the first release is adopted, brought up to date and keeps its rows',
  async (name, def) => {
    await createFirstReleaseTables(name);
    // That release had loaded the seeds (a source document stands for them) and recorded an
    // agency's write, a row only that database holds.
    const before = new DataSource(
      scratch.databaseUrl
        ? { type: 'postgres', url: scratch.databaseUrl, schema: name }
        : { type: 'sqlite', database: path.join(dir, `${name}.sqlite`) },
    );
    await before.initialize();
    const table = (t: string) => (scratch.databaseUrl ? `"${name}".${t}` : t);
    await before.query(`INSERT INTO ${table('source_document')} (id, title, kind) VALUES ('000', 'an older title', 'NEWSPAPER')`);
    await before.query(
      `INSERT INTO ${table('audit_record')} (at, agency, operation, "entityType", "entityId", version, after) VALUES ('2026-11-30T08:00:00.000Z', 'gz-health-commission', 'create', 'Facility', 'kept-row', 1, '{}')`,
    );
    if (name === 'indicators') {
      // An agency's figure for a five-year period: its years must come out of the period.
      await before.query(
        `INSERT INTO ${table('observation')} (citations, inferred, id, "indicatorId", "regionId", period, value, "valueText") VALUES ('[]', false, 'agency-figure', 'life-expectancy', '440100', '2016-2020', 82.5, '82.5')`,
      );
    }
    await before.destroy();

    const { dataSource } = await openSubgraphDatabase(def, { dataDir: dir, databaseUrl: scratch.databaseUrl, seedsDir: SEEDS });
    try {
      expect(await appliedNames(dataSource)).toEqual(namesOf(def));
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      const kept = await dataSource.query(`SELECT agency, "entityId" FROM audit_record WHERE "entityId" = 'kept-row'`);
      expect(kept).toEqual([{ agency: 'gz-health-commission', entityId: 'kept-row' }]);
      if (name === 'indicators') {
        const [row] = await dataSource.query(`SELECT "yearFrom", "yearTo" FROM observation WHERE id = 'agency-figure'`);
        expect(row).toEqual({ yearFrom: 2016, yearTo: 2020 });
      }
      // The start merged the seeds over what it found (the search index follows the owners instead).
      const [source] = await dataSource.query(`SELECT title, file, citations FROM source_document WHERE id = '000'`);
      expect(source.title === 'an older title').toBe(!!def.seed);
      // The columns a later release added to the shared table are filled by that merge too.
      if (!def.seed) {
        expect(source.file).toBe('000_50a859ae337c3dad.txt');
        expect(JSON.parse(source.citations)[0]).toEqual({ lines: '000:1-2', quote: expect.stringContaining('汕头市等18个地级以上市') });
      }
      if (name === 'indicators') {
        const [plan] = await dataSource.query(`SELECT aliases, pinyin FROM plan WHERE id = 'gd-test-result-mutual-recognition'`);
        expect(JSON.parse(plan.aliases)).toEqual(['检查检验结果互认']);
        expect(plan.pinyin).toContain('huren');
      }
    } finally {
      await dataSource.destroy();
    }
  },
);
