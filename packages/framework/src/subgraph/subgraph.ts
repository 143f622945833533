import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { SourceDocument } from '../declarations/citation';
import { databaseAnswers } from '../persistence/database-health';
import { regionNames } from '../region-scope/division-list';
import { openDatabase, underStartupLock, type StatementCounter } from '../persistence/db';
import { stoppedStatementsAnswered } from '../persistence/deadlines';
import {
  createLogger,
  apolloLimits,
  createTokenVerifier,
  DEFAULT_DEADLINES,
  DEFAULT_LIMITS,
  DEFAULT_MAX_ENTITY_REPRESENTATIONS,
  entityBatchLimitPlugin,
  maskingFormatError,
  Metrics,
  subgraphLimits,
  serve,
  type AuthConfig,
  type Deadlines,
  type Logger,
  type OperationLimits,
  type RunningServer,
  type SubgraphName,
} from '@hsg/core';
import { referencedFamilies } from '../declarations/declaration';
import type { MigrationClass } from '../persistence/migrations';
import { CHANGE_FEED_PATH, serveChangeFeed } from '../writes/change-feed';
import { isAgencyWritten } from '../writes/mutations';
import { baseContext, type BaseContext } from '../persistence/loaders';
import { areaMembersPlan, loadRegionScope } from '../region-scope/curated';
import type { RegionScope } from '../region-scope/scope';
import { saveSpellings } from '../search-terms/pinyin';
import { SEARCH_TERMS_PATH, searchedEntities, serveSearchTerms } from '../search-terms/terms';
import { isSeeded, mergeSeeds, refreshPlannerStatistics, readSeeds, seedPlanOf, writeSeeds, type SeedPlan } from '../seeding/seeds';

/** What makes one subgraph: its entities, schema and per-request context. */
export interface SubgraphDefinition<C extends object> {
  name: SubgraphName;
  /** Its tables; declared entities (see declaration.ts) are seeded from their families' files. */
  entities: Function[];
  /** The versioned changes that create and alter those tables, oldest first (see migrations.ts). */
  migrations: MigrationClass[];
  buildSchema: () => Promise<GraphQLSchema>;
  /** Adds the subgraph's loaders to the context every subgraph shares. */
  createContext: (base: BaseContext) => C;
  /**
   * For a subgraph whose tables are built from what the other subgraphs publish (the search index):
   * its first rows, fetched from the peers (which may still be starting) instead of read from seeds.
   */
  seed?: { plan: (peers: Partial<Record<SubgraphName, string>>, logger: Logger) => Promise<SeedPlan> };
  /** Runs on every start after seeding, e.g. to build an index the ORM cannot declare. */
  prepare?: (dataSource: DataSource) => Promise<void>;
  /** The subgraphs whose change feeds it follows (the search index), started once it listens. */
  follows?: SubgraphName[];
  follow?: (dataSource: DataSource, peers: Partial<Record<SubgraphName, string>>, logger: Logger) => { stop: () => Promise<void> };
  /**
   * Answers `Region.name` beside the region keys it hands out (`@provides`: regionStub(true) and
   * providedRegion), from the names read at start: the gateway then asks the regions subgraph nothing more.
   */
  providesRegionNames?: boolean;
  /** Reads every region's name at start to tell a region id from one naming none (search's `within`), with no statement. */
  readsRegionNames?: boolean;
}

/**
 * Whether a subgraph reads every region's name at start (regionNames, from the division list and
 * the regions seed, ~45,000 names): one that provides them, one that says it reads them, or one
 * whose agency-written records point at regions (applyWrite refuses a region id that names none).
 * Not the others: nothing there reads them.
 */
function readsRegionNames(def: SubgraphDefinition<object>): boolean {
  return (
    !!def.providesRegionNames ||
    !!def.readsRegionNames ||
    def.entities.some((e) => isAgencyWritten(e) && referencedFamilies(e).includes('regions'))
  );
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
  /**
   * false: the database already holds exactly these seeds (a copy of one seeded from them, as the
   * test stacks start from), so a later start skips comparing every seed with its row, which for
   * the 44,706 regions of the code list takes seconds.
   */
  mergeSeeds?: boolean;
  /** The key set tokens are verified against; without it every token is refused (reads stay open). */
  auth?: AuthConfig;
  /** Where the other subgraphs listen (their /graphql URLs), for a subgraph that follows their change feeds. */
  peers?: Partial<Record<SubgraphName, string>>;
  /** The gateway's operation limits; the subgraph allows a margin over them (subgraphLimits). */
  limits?: OperationLimits;
  maxEntityRepresentations?: number;
  /** GraphQL requests taking longer are logged at warn. */
  slowRequestMs?: number;
  /** How long a statement and a write may take once the subgraph serves; defaults to DEFAULT_DEADLINES. */
  deadlines?: Deadlines;
}

export interface RunningSubgraph extends RunningServer {
  dataSource: DataSource;
  regions: RegionScope;
  counter: StatementCounter;
}

/** Opens the database and loads the seeds if it is empty (or `reseed`); validation failure changes nothing. */
export async function openSubgraphDatabase<C extends object>(def: SubgraphDefinition<C>, options: SubgraphOptions, metrics?: Metrics) {
  // Read before the database is opened: a seed that cannot be read stops the start with nothing open.
  const names = readsRegionNames(def) ? regionNames(options.seedsDir) : undefined;
  const { dataSource, counter, watch } = await openDatabase({
    metrics,
    deadlines: options.deadlines ?? DEFAULT_DEADLINES,
    name: def.name,
    entities: def.entities,
    migrations: def.migrations,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
  });
  try {
    await underStartupLock(dataSource, def.name, async () => {
      if (options.reseed || !(await isSeeded(dataSource, SourceDocument))) {
        const seeds = readSeeds(options.seedsDir, [SourceDocument, ...(def.seed ? [] : def.entities)]);
        const plan = def.seed
          ? await def.seed.plan(options.peers ?? {}, options.logger ?? createLogger(def.name))
          : seedPlanOf(seeds, def.entities);
        await writeSeeds(dataSource, [...seedPlanOf(seeds, [SourceDocument]), ...areaMembersPlan(options.seedsDir), ...plan]);
        await refreshPlannerStatistics(dataSource);
        options.logger?.info({ subgraph: def.name }, 'database seeded');
      } else if (!def.seed && options.mergeSeeds !== false) {
        // A later start: text-derived records follow the seeds; what agencies wrote is kept.
        const seeds = readSeeds(options.seedsDir, [SourceDocument, ...def.entities]);
        const plain = [...seedPlanOf(seeds, [SourceDocument]), ...areaMembersPlan(options.seedsDir)];
        const merged = await mergeSeeds(dataSource, plain, seeds, def.entities);
        if (merged.inserted || merged.updated) {
          await refreshPlannerStatistics(dataSource);
          options.logger?.info({ subgraph: def.name, ...merged }, 'seed changes merged');
        }
      }
      await def.prepare?.(dataSource);
    });
    saveSpellings();
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  const regions = await loadRegionScope(dataSource, names);
  counter.reset();
  return { dataSource, counter, regions, watch };
}

/** Starts one subgraph as its own HTTP server. Never listens until called; `stop()` closes everything. */
export async function startSubgraph<C extends object>(def: SubgraphDefinition<C>, options: SubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(def.name);
  const metrics = new Metrics(def.name);
  const { dataSource, counter, regions, watch } = await openSubgraphDatabase(def, { ...options, logger }, metrics);
  try {
    // What this subgraph publishes for the search index: the spellings of the types `search` finds.
    const searched = searchedEntities(def.name, def.entities);
    // Seeding and migrations are done: from here every statement has its deadline.
    await watch.arm(logger);
    const schema = await def.buildSchema();
    const limits = subgraphLimits(options.limits ?? DEFAULT_LIMITS);
    const limited = apolloLimits<C>(limits);
    const apollo = new ApolloServer<C>({
      schema,
      parseOptions: limited.parseOptions,
      validationRules: limited.validationRules,
      formatError: stoppedStatementsAnswered(maskingFormatError(logger), options.deadlines ?? DEFAULT_DEADLINES),
      includeStacktraceInErrorResponses: false,
      // The process's own SIGTERM handler stops everything in order; Apollo's would race it.
      stopOnTerminationSignals: false,
      logger,
      // Inline traces only serve Apollo's hosted tooling, which this deployment never talks to.
      // Cache-control hints are not read by the gateway (its response cache tags entries by the
      // entities they hold), and computing them wraps every field's resolver.
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        ...limited.plugins,
        entityBatchLimitPlugin<C>(options.maxEntityRepresentations ?? DEFAULT_MAX_ENTITY_REPRESENTATIONS),
      ],
    });
    const running = await serve<C>({
      apollo,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      maxBodyBytes: limits.maxBodyBytes,
      context: async (request) => def.createContext(baseContext(dataSource, regions, request, logger)),
      verifier: createTokenVerifier(options.auth ?? null),
      logger,
      metrics,
      slowRequestMs: options.slowRequestMs,
      ready: () => databaseAnswers(dataSource),
      alive: () => {
        const { stuck, oldestStatementMs } = watch.stuck();
        return { alive: !stuck, oldestStatementMs };
      },
      routes: async (req, res, url) => {
        if (url.pathname === CHANGE_FEED_PATH) await serveChangeFeed(dataSource, searched, req, res, url);
        else if (url.pathname === SEARCH_TERMS_PATH && searched.length) serveSearchTerms(options.seedsDir, searched, req, res);
        else return false;
        return true;
      },
    });
    const follower = def.follow?.(dataSource, options.peers ?? {}, logger);
    logger.info({ url: running.url }, `${def.name} subgraph listening`);
    let stopped = false;
    return {
      ...running,
      dataSource,
      regions,
      counter,
      // Idempotent, so a test (or a signal arriving twice) can stop a subgraph more than once.
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await follower?.stop();
        await running.stop();
        watch.stop();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (e) {
    watch.stop();
    await dataSource.destroy();
    throw e;
  }
}
