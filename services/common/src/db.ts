import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { StatementSpans, type Metrics } from '@hsg/core';
import { DataSource, type EntitySchema, type EntitySubscriberInterface, type Logger as OrmLogger, type MixedList } from 'typeorm';
import { AuditRecord } from './audit';
import { SourceDocument } from './citation';
import { DamagedDatabase, isCorruption, prepareSqliteFile } from './database-health';
import { AreaMember } from './region-scope';

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
  /** Folder of the SQLite files; ignored when `databaseUrl` is set. `:memory:` keeps the database in memory. */
  dataDir: string;
  /** postgres:// URL; each subgraph keeps its tables in its own schema there. */
  databaseUrl?: string;
  /** The subgraph's metrics: every statement's duration and outcome. */
  metrics?: Metrics;
}

/**
 * Times every statement, as TypeORM measures it (whole milliseconds; a failed statement has no
 * time and counts as 0), and traces it as a span of the request that ran it. Added to the data
 * source once it is initialized: TypeORM's `subscribers` option takes only decorated classes.
 */
function observeStatements(dataSource: DataSource, name: string, metrics: Metrics | undefined): void {
  const spans = new StatementSpans(dataSource.options.type === 'postgres' ? 'postgresql' : 'sqlite', name);
  const observer: EntitySubscriberInterface = {
    beforeQuery(event) {
      spans.start(event.query, event.parameters);
    },
    afterQuery(event) {
      spans.end(event.query, event.parameters, event.error);
      metrics?.sqlDuration.observe({ outcome: event.success ? 'ok' : 'error' }, (event.executionTime ?? 0) / 1000);
    },
  };
  dataSource.subscribers.push(observer);
}

/**
 * Opens the subgraph's database and creates its tables. SQLite (one file per subgraph) is the
 * embedded default; PostgreSQL takes over when DATABASE_URL is set. Every query the services
 * issue goes through TypeORM's query builder with portable SQL, so both behave the same.
 */
export async function openDatabase(options: DatabaseOptions): Promise<{ dataSource: DataSource; counter: StatementCounter }> {
  const counter = new StatementCounter();
  const entities = [SourceDocument, AreaMember, AuditRecord, ...(options.entities as Function[])];
  let dataSource: DataSource;
  if (options.databaseUrl) {
    const schema = options.name;
    const bootstrap = new DataSource({ type: 'postgres', url: options.databaseUrl });
    await bootstrap.initialize();
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await bootstrap.destroy();
    dataSource = new DataSource({
      type: 'postgres',
      url: options.databaseUrl,
      schema,
      entities,
      synchronize: true,
      logger: counter,
      logging: ['query'],
    });
  } else {
    let database = ':memory:';
    if (options.dataDir !== ':memory:') {
      mkdirSync(options.dataDir, { recursive: true });
      database = path.join(options.dataDir, `${options.name}.sqlite`);
    }
    // Tables are created only after the file passed its check (prepareSqliteFile).
    dataSource = new DataSource({
      type: 'sqlite',
      database,
      entities,
      synchronize: false,
      logger: counter,
      logging: ['query'],
    });
    try {
      await dataSource.initialize();
      observeStatements(dataSource, options.name, options.metrics);
      if (database !== ':memory:') await prepareSqliteFile(dataSource, database);
      await dataSource.synchronize();
    } catch (e) {
      if (dataSource.isInitialized) await dataSource.destroy();
      throw e instanceof DamagedDatabase || !isCorruption(e) ? e : new DamagedDatabase(database, (e as Error).message);
    }
    counter.reset();
    return { dataSource, counter };
  }
  await dataSource.initialize();
  observeStatements(dataSource, options.name, options.metrics);
  counter.reset();
  return { dataSource, counter };
}
