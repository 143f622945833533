import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/** The engines the graph runs on; a migration says what to run on each. */
export type Engine = 'sqlite' | 'postgres';

export const engineOf = (dataSource: DataSource): Engine => (dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite');

/** The table that records which migrations a database has had. */
export const MIGRATIONS_TABLE = 'schema_migration';

export interface MigrationSteps {
  sqlite: string[];
  postgres: string[];
  /**
   * For the first migration only: a database made before migrations existed (its tables were
   * created from the entities on start) already holds these tables, so the step is recorded as
   * applied without running; later migrations then bring it up to date.
   */
  adoptsTable?: string;
}

export type MigrationClass = new () => MigrationInterface;

/**
 * One versioned schema change, as plain SQL per engine. `name` ends in the JavaScript timestamp
 * of the change (TypeORM orders migrations by it); the files are dated the same way.
 */
export function sqlMigration(name: string, steps: MigrationSteps): MigrationClass {
  return class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      if (steps.adoptsTable && (await runner.hasTable(steps.adoptsTable))) return;
      for (const sql of steps[engineOf(runner.connection)]) await runner.query(sql);
    }
    async down(): Promise<void> {
      // Schema changes go forward only: restore a backup to go back to an older release.
      throw new Error(`Migration ${name} cannot be reverted; restore a backup taken before it.`);
    }
  };
}

/** A database that a newer release has migrated: this code must not run on it. */
export class SchemaTooNew extends Error {
  constructor(database: string, unknown: string[]) {
    super(
      `The ${database} database has migrations this release does not know (${unknown.slice(0, 5).join(', ')}): a newer release upgraded it. Run that release, or restore a backup taken before the upgrade.`,
    );
    this.name = 'SchemaTooNew';
  }
}

/**
 * Applies the pending migrations, each in its own transaction, after refusing a database that
 * records migrations the code does not have. Returns the names applied.
 */
export async function applyMigrations(dataSource: DataSource, database: string): Promise<string[]> {
  const known = new Set(dataSource.migrations.map((m) => m.name ?? m.constructor.name));
  const runner = dataSource.createQueryRunner();
  try {
    if (await runner.hasTable(MIGRATIONS_TABLE)) {
      const rows: { name: string }[] = await runner.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
      const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
      if (unknown.length) throw new SchemaTooNew(database, unknown);
    }
  } finally {
    await runner.release();
  }
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/**
 * Indexes the entities cannot declare (an operator class such as pg_trgm's, an expression) are
 * written by hand in a migration and named `<something>_trgm` or `<table>_scope<n>`; the schema
 * builder would otherwise drop them.
 */
const HAND_MADE_INDEX = /"\w+_(trgm|scope\d)"/;

/**
 * Statements that would bring the tables to what the entities declare: empty when the migrations
 * are complete. The migration generator writes them into a new migration; a test asserts there
 * are none.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
  return upQueries.map((q) => q.query).filter((sql) => !HAND_MADE_INDEX.test(sql));
}
