// Apollo Gateway probes cloud metadata addresses and reports usage unless this is set before it is
// created; nothing may leave this machine, so it is set here, in code, not left to the shell.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { prettyFormatQueryPlan } from '@apollo/query-planner';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  apolloLimits,
  createLogger,
  corsPolicy,
  createTokenVerifier,
  DEFAULT_LIMITS,
  DEFAULT_MAX_COST,
  maskingFormatError,
  Metrics,
  observedOf,
  REPO_ROOT,
  serve,
  type AuthConfig,
  type CorsOrigins,
  type Logger,
  type OperationLimits,
  type RequestInfo,
  type ResponseCacheSettings,
  type RunningServer,
  STREAM_PATH,
  DEFAULT_STREAM_LIMITS,
  type StreamLimits,
  type SubgraphName,
} from '@hsg/core';
import { costPlugin } from './cost';
import { explorer } from './explorer';
import { countingPlanCache } from './plan-cache';
import { documentStore } from './document-bytes';
import { DOCUMENT_STORE_BYTES } from './memory-budget';
import { BulkExport } from './export/bulk';
import { handleExport } from './export/route';
import { clientAddress } from './client-address';
import { rateLimiter, type RateLimits } from './rate-limit';
import { responseCachePlugin } from './response-cache/plugin';
import { RedisStore } from './response-cache/redis-store';
import { MemoryStore, type CacheStore } from './response-cache/store';
import { subgraphReadiness } from './readiness';
import { schemaRoute, SCHEMA_PATH } from './schema-route';
import { ChangeStreams } from './stream/route';
import { SubgraphClient, subgraphAgents } from './subgraph-client';
import { EXAMPLES_MANIFEST, requiresTrustedDocuments, TrustedDocuments, trustedDocumentsPlugin } from './trusted-documents';

export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

export interface GatewayOptions {
  subgraphUrls: Record<SubgraphName, string>;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Parser and operation limits (packages/core/src/limits.ts). */
  limits?: OperationLimits;
  /** Largest estimated cost of one operation (./cost.ts). */
  maxCost?: number;
  /** Deadline of each subgraph request. */
  subgraphTimeoutMs?: number;
  /** Deadline of each subgraph's readiness check. */
  readinessTimeoutMs?: number;
  logger?: Logger;
  /** The composed supergraph; defaults to the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
  /** Trusted-documents manifests to register; defaults to examples/trusted-documents.json. */
  trustedDocuments?: string[];
  /** Run only registered documents, for every caller. */
  trustedDocumentsOnly?: boolean;
  /** The key set tokens are verified against; without it every token is refused (reads stay open). */
  auth?: AuthConfig;
  /** Per-agency and per-address request limits; without them nothing is limited. */
  rateLimits?: RateLimits;
  /** Proxies whose X-Forwarded-For names the client (./client-address.ts); without them the socket's peer is the client. */
  trustedProxies?: string[];
  /** GraphQL requests taking longer are logged at warn. */
  slowRequestMs?: number;
  /** The response cache (./response-cache): in memory, or on Redis with `redisUrl`; without it nothing is cached. */
  responseCache?: ResponseCacheSettings | false;
  /** Browser origins that may call (CORS_ORIGINS); defaults to local dev servers (DEFAULT_CORS_ORIGINS). */
  corsOrigins?: CorsOrigins;
  /** How many change streams may be open at once, per caller and in all (./stream); defaults to DEFAULT_STREAM_LIMITS. */
  streams?: StreamLimits;
}

/** Opens the response cache's store: Redis when a URL is given (shared by every replica), else this process's memory. */
async function openStore(settings: ResponseCacheSettings, logger: Logger): Promise<CacheStore> {
  if (!settings.redisUrl) return new MemoryStore(settings.maxBytes, settings.maxEntryBytes);
  const store = new RedisStore({ url: settings.redisUrl, logger });
  await store.connect();
  return store;
}

/**
 * The gateway: plans each query over the static, committed supergraph and sends the parts to the
 * subgraphs at `subgraphUrls` (which override the URLs baked into the supergraph).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('gateway');
  const trusted = TrustedDocuments.load(options.trustedDocuments ?? [EXAMPLES_MANIFEST]);
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const limits = options.limits ?? DEFAULT_LIMITS;
  const metrics = new Metrics('gateway');
  const agents = subgraphAgents();
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Outside NODE_ENV=production Apollo would hand any client that asks (the
    // Apollo-Query-Plan-Experimental header) the plan, subgraph names and all; operators read
    // plans from the slow-request log instead.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name }) =>
      new SubgraphClient({
        name,
        url: options.subgraphUrls[name as SubgraphName],
        timeoutMs: options.subgraphTimeoutMs ?? 5000,
        logger,
        metrics,
        agents,
      }),
    logger,
    queryPlannerConfig: { cache: countingPlanCache(metrics) },
    // Kept for the request's log line, which prints it only when the request was slow.
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      const observed = observedOf(requestContext.context);
      if (observed) observed.queryPlan = () => prettyFormatQueryPlan(queryPlan);
    },
  });
  const limited = apolloLimits<RequestInfo>(limits);
  const onlyTrusted = requiresTrustedDocuments(options.trustedDocumentsOnly ?? false);
  const cache = options.responseCache ? { settings: options.responseCache, store: await openStore(options.responseCache, logger) } : null;
  const apollo = new ApolloServer<RequestInfo>({
    gateway,
    formatError: maskingFormatError(logger),
    includeStacktraceInErrorResponses: false,
    // The process's own SIGTERM handler stops everything in order; Apollo's would race it.
    stopOnTerminationSignals: false,
    parseOptions: limited.parseOptions,
    validationRules: limited.validationRules,
    documentStore: documentStore(DOCUMENT_STORE_BYTES),
    // Ids resolve only to registered documents; nothing is registered by traffic.
    persistedQueries: trusted.asPersistedQueries(),
    plugins: [
      // First, so the others' willSendResponse see the client's document and the response it receives.
      ...(cache
        ? [
            responseCachePlugin({
              store: cache.store,
              ttlMs: cache.settings.ttlMs,
              maxEntryBytes: cache.settings.maxEntryBytes,
              logger,
              metrics,
            }),
          ]
        : []),
      ApolloServerPluginLandingPageDisabled(),
      ...limited.plugins,
      costPlugin(supergraphSdl, options.maxCost ?? DEFAULT_MAX_COST, (document) => trusted.has(document)),
      trustedDocumentsPlugin(trusted, onlyTrusted),
    ],
  });
  const showExplorer = explorer();
  const showSchema = schemaRoute();
  let bulk: BulkExport | undefined; // built on first use: it reads the schema the gateway loaded at start
  let streams: ChangeStreams | undefined; // likewise
  const overLimit = options.rateLimits ? await rateLimiter(options.rateLimits, logger) : null;
  const addressOf = clientAddress(options.trustedProxies);
  const running = await serve({
    apollo,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    maxBodyBytes: limits.maxBodyBytes,
    // The gateway's context is the request itself; SubgraphClient passes its id and credentials on.
    context: async (info) => info,
    verifier: createTokenVerifier(options.auth ?? null),
    logger,
    metrics,
    slowRequestMs: options.slowRequestMs,
    cors: corsPolicy(options.corsOrigins),
    ready: subgraphReadiness(options.subgraphUrls, options.readinessTimeoutMs ?? 2000),
    routes: async (req, res, url, info) => {
      if (overLimit && (await overLimit.check(addressOf(req), res, info))) return true;
      if (url.pathname === '/export/bulk') {
        bulk ??= new BulkExport(apollo, gateway.schema!, trusted, logger);
        return bulk.handle(req, res, url, info, addressOf(req)).then(() => true);
      }
      if (url.pathname === STREAM_PATH) {
        streams ??= new ChangeStreams(
          apollo,
          gateway.schema!,
          trusted,
          onlyTrusted,
          limits,
          options.streams ?? DEFAULT_STREAM_LIMITS,
          logger,
        );
        return streams.handle(req, res, url, info, addressOf(req)).then(() => true);
      }
      if (url.pathname === SCHEMA_PATH) {
        showSchema(req, res);
        return true;
      }
      if (url.pathname === '/export') return handleExport(apollo, req, res, url, info, limits.maxBodyBytes).then(() => true);
      return showExplorer(req, res, url);
    },
  });
  logger.info(
    {
      url: running.url,
      trustedDocuments: trusted.size,
      trustedDocumentsOnly: options.trustedDocumentsOnly ?? false,
      responseCache: cache?.store.kind ?? 'off',
    },
    'gateway listening',
  );
  return {
    ...running,
    stop: async () => {
      // Open streams would hold the server's close for its whole grace period.
      streams?.close();
      await running.stop();
      agents.destroy();
      await cache?.store.close();
      await overLimit?.close();
    },
  };
}
