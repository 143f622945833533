import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DEADLINES, StatementSpans, type Deadlines, type Metrics } from '@hsg/core';
import sqlite3 from 'sqlite3';
import { DataSource, type EntitySchema, type EntitySubscriberInterface, type Logger as OrmLogger, type MixedList } from 'typeorm';
import { AuditRecord } from '../writes/audit';
import { SourceDocument } from '../declarations/citation';
import { DamagedDatabase, isCorruption, prepareSqliteFile } from './database-health';
import { StatementWatch } from './deadlines';
import { PreparingDatabase } from './prepared-statements';
import { applyMigrations, MIGRATIONS_TABLE, type MigrationClass } from './migrations';
import { AreaMember } from '../region-scope/scope';

/**
 * sqlite3 as TypeORM should load it. TypeORM calls `verbose()` on the driver it is given, which
 * wraps every statement call to build an Error and `util.inspect` each argument, for longer stack
 * traces. That cost a tenth of a subgraph's CPU per request; a failed statement's error still
 * carries its message and the SQL (TypeORM's QueryFailedError). Its connections keep their
 * SELECTs prepared (PreparingDatabase).
 */
const sqlite3Driver = {
  ...sqlite3,
  Database: PreparingDatabase,
  verbose: () => sqlite3Driver,
};

/**
 * Counts the SQL statements a data source runs. Tests use it to prove that a list of N parents
 * costs the same number of statements for N = 1 and N = 20 (no per-row queries).
 */
export class StatementCounter implements OrmLogger {
  count = 0;
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.count++;
    if (this.statements.length < 1000) this.statements.push(query);
  }
  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface DatabaseOptions {
  /** Subgraph name: the SQLite file name, or the PostgreSQL schema. */
  name: string;
  entities: MixedList<Function | string | EntitySchema>;
  /** The subgraph's migrations, oldest first (services/<name>/src/migrations). */
  migrations: MigrationClass[];
  /** Folder of the SQLite files; ignored when `databaseUrl` is set. `:memory:` keeps the database in memory. */
  dataDir: string;
  /** postgres:// URL; each subgraph keeps its tables in its own schema there. */
  databaseUrl?: string;
  /** The subgraph's metrics: every statement's duration and outcome. */
  metrics?: Metrics;
  /** How long statements and writes may take once the subgraph serves (the watch enforces them once armed). */
  deadlines?: Deadlines;
}

/**
 * Times every statement, as TypeORM measures it (whole milliseconds; a failed statement has no
 * time and counts as 0), and traces it as a span of the request that ran it. Added to the data
 * source once it is initialized: TypeORM's `subscribers` option takes only decorated classes.
 */
function observeStatements(dataSource: DataSource, name: string, metrics: Metrics | undefined, watch: StatementWatch): void {
  const spans = new StatementSpans(dataSource.options.type === 'postgres' ? 'postgresql' : 'sqlite', name);
  const observer: EntitySubscriberInterface = {
    beforeQuery(event) {
      watch.started(event.query);
      spans.start(event.query, event.parameters);
    },
    afterQuery(event) {
      watch.ended(event.query);
      spans.end(event.query, event.parameters, event.error);
      metrics?.sqlDuration.observe({ outcome: event.success ? 'ok' : 'error' }, (event.executionTime ?? 0) / 1000);
    },
  };
  dataSource.subscribers.push(observer);
}

/** The tables every subgraph has besides its own. */
export const SHARED_ENTITIES = [SourceDocument, AreaMember, AuditRecord];

/**
 * On PostgreSQL every text column compares in byte order (COLLATE "C"), as SQLite does: ids,
 * dates and names then sort the same on both engines whatever the server's locale, and a b-tree
 * index serves prefix LIKE (`regionId LIKE '4401%'`). The entities cannot say this per engine, so
 * it is set on the metadata, which the migrations were generated from.
 */
function byteOrderText(dataSource: DataSource): void {
  for (const entity of dataSource.entityMetadatas) {
    for (const column of entity.columns) {
      const type = String(column.type);
      if (/^(varchar|character varying|text|simple-json|simple-array)$/.test(type) || column.type === String) column.collation = 'C';
    }
  }
}

/**
 * Opens the subgraph's database and brings its tables up to date with the subgraph's migrations.
 * SQLite (one file per subgraph) is the embedded default; PostgreSQL takes over when DATABASE_URL
 * is set, each subgraph in its own schema (first on its search_path, so plain table names resolve
 * there; then public, where extensions such as pg_trgm live).
 */
export async function openDatabase(
  options: DatabaseOptions,
): Promise<{ dataSource: DataSource; counter: StatementCounter; watch: StatementWatch }> {
  const counter = new StatementCounter();
  const common = {
    entities: [...SHARED_ENTITIES, ...(options.entities as Function[])],
    migrations: options.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logger: counter,
    logging: ['query' as const],
  };
  let dataSource: DataSource;
  let database: string;
  let watch!: StatementWatch;
  if (options.databaseUrl) {
    const schema = options.name;
    database = `PostgreSQL schema "${schema}"`;
    const bootstrap = new DataSource({ type: 'postgres', url: options.databaseUrl });
    await bootstrap.initialize();
    try {
      // Two replicas starting at once would both create the schema, and IF NOT EXISTS does not
      // stop the second failing on pg_namespace's unique index: a lock makes them take turns.
      await bootstrap.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hsg schema ${schema}`]);
        await manager.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      });
    } finally {
      await bootstrap.destroy();
    }
    dataSource = new DataSource({
      ...common,
      type: 'postgres',
      url: options.databaseUrl,
      schema,
      extra: { options: `-c search_path="${schema}",public`, max: POSTGRES_POOL_SIZE },
    });
  } else {
    database = ':memory:';
    if (options.dataDir !== ':memory:') {
      mkdirSync(options.dataDir, { recursive: true });
      database = path.join(options.dataDir, `${options.name}.sqlite`);
    }
    dataSource = new DataSource({ ...common, type: 'sqlite', database, driver: sqlite3Driver });
  }
  try {
    await dataSource.initialize();
    watch = new StatementWatch(dataSource, options.deadlines ?? DEFAULT_DEADLINES);
    observeStatements(dataSource, options.name, options.metrics, watch);
    if (dataSource.options.type === 'postgres') {
      byteOrderText(dataSource);
    } else if (database !== ':memory:') {
      // Tables are changed only after the file passed its check.
      await prepareSqliteFile(dataSource, database);
    }
    await underStartupLock(dataSource, options.name, () => applyMigrations(dataSource, database));
  } catch (e) {
    if (dataSource.isInitialized) await dataSource.destroy();
    const sqliteFile = dataSource.options.type === 'sqlite';
    throw !sqliteFile || e instanceof DamagedDatabase || !isCorruption(e) ? e : new DamagedDatabase(database, (e as Error).message);
  }
  counter.reset();
  return { dataSource, counter, watch };
}

/**
 * Runs `fn` holding the subgraph's start-up lock, so replicas starting together on one PostgreSQL
 * database migrate and seed one after the other (the second then finds nothing to do). A session
 * advisory lock: released when `fn` ends, or by the server if the process dies. A SQLite file
 * belongs to one process, which needs no lock.
 */
export async function underStartupLock<T>(dataSource: DataSource, name: string, fn: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return fn();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`hsg-start:${name}`]);
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`hsg-start:${name}`]);
    }
  } finally {
    await runner.release();
  }
}

/** Connections per subgraph process: replicas multiply it, so it stays well under max_connections. */
const POSTGRES_POOL_SIZE = 10;
