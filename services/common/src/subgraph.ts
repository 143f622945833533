import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { SourceDocument } from './citation';
import { databaseAnswers } from './database-health';
import { openDatabase, type StatementCounter } from './db';
import { maskingFormatError } from './errors';
import type { SubgraphName } from './environment';
import { serve, type RunningServer } from './http';
import {
  apolloLimits,
  DEFAULT_LIMITS,
  DEFAULT_MAX_ENTITY_REPRESENTATIONS,
  entityBatchLimitPlugin,
  subgraphLimits,
  type OperationLimits,
} from './limits';
import { createLogger, type Logger } from './logger';
import { isSeeded, readSeeds, writeSeeds, type SeedPlan } from './seeds';
import type { SeedData } from './seed-schema';

/** What makes one subgraph: its entities, schema, per-request context and seed mapping. */
export interface SubgraphDefinition<C extends object> {
  name: SubgraphName;
  entities: Function[];
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (dataSource: DataSource) => C;
  seedPlan: (seeds: SeedData) => SeedPlan;
  /** Runs on every start after seeding, e.g. to build an index the ORM cannot declare. */
  prepare?: (dataSource: DataSource) => Promise<void>;
}

export interface SubgraphOptions {
  /** Folder for the SQLite file, or ':memory:'. */
  dataDir: string;
  databaseUrl?: string;
  seedsDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  logger?: Logger;
  /** Replace the data with the seeds even if the database already holds data. */
  reseed?: boolean;
  /** The gateway's operation limits; the subgraph allows a margin over them (subgraphLimits). */
  limits?: OperationLimits;
  maxEntityRepresentations?: number;
}

export interface RunningSubgraph extends RunningServer {
  dataSource: DataSource;
  counter: StatementCounter;
}

/** Opens the database and loads the seeds if it is empty (or `reseed`); validation failure changes nothing. */
export async function openSubgraphDatabase<C extends object>(def: SubgraphDefinition<C>, options: SubgraphOptions) {
  const { dataSource, counter } = await openDatabase({
    name: def.name,
    entities: def.entities,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
  });
  try {
    if (options.reseed || !(await isSeeded(dataSource, SourceDocument))) {
      const seeds = readSeeds(options.seedsDir);
      const sources = seeds.sources.map(({ id, title, titleEn, publisher, publishedOn, kind }) => ({
        id,
        title,
        titleEn: titleEn ?? null,
        publisher,
        publishedOn,
        kind,
      }));
      await writeSeeds(dataSource, [{ entity: SourceDocument, rows: sources }, ...def.seedPlan(seeds)]);
      options.logger?.info({ subgraph: def.name }, 'database seeded');
    }
    await def.prepare?.(dataSource);
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  counter.reset();
  return { dataSource, counter };
}

/** Starts one subgraph as its own HTTP server. Never listens until called; `stop()` closes everything. */
export async function startSubgraph<C extends object>(def: SubgraphDefinition<C>, options: SubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(def.name);
  const { dataSource, counter } = await openSubgraphDatabase(def, { ...options, logger });
  try {
    const schema = await def.buildSchema();
    const limits = subgraphLimits(options.limits ?? DEFAULT_LIMITS);
    const limited = apolloLimits<C>(limits);
    const apollo = new ApolloServer<C>({
      schema,
      parseOptions: limited.parseOptions,
      validationRules: limited.validationRules,
      formatError: maskingFormatError(logger),
      includeStacktraceInErrorResponses: false,
      // The process's own SIGTERM handler stops everything in order; Apollo's would race it.
      stopOnTerminationSignals: false,
      logger,
      // Inline traces only serve Apollo's hosted tooling, which this deployment never talks to.
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        ...limited.plugins,
        entityBatchLimitPlugin<C>(options.maxEntityRepresentations ?? DEFAULT_MAX_ENTITY_REPRESENTATIONS),
      ],
    });
    const running = await serve<C>({
      apollo,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      maxBodyBytes: limits.maxBodyBytes,
      context: async () => def.createContext(dataSource),
      ready: () => databaseAnswers(dataSource),
    });
    logger.info({ url: running.url }, `${def.name} subgraph listening`);
    let stopped = false;
    return {
      ...running,
      dataSource,
      counter,
      // Idempotent, so a test (or a signal arriving twice) can stop a subgraph more than once.
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await running.stop();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
}
