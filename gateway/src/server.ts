// Apollo Gateway probes cloud metadata addresses and reports usage unless this is set before it is
// created; nothing may leave this machine, so it is set here, in code, not left to the shell.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createLogger,
  createTokenVerifier,
  maskingFormatError,
  REPO_ROOT,
  serve,
  type AuthConfig,
  type Logger,
  type RequestInfo,
  type RunningServer,
  type SubgraphName,
} from '@hsg/core';
import { explorer } from './explorer';
import { BulkExport } from './export/bulk';
import { handleExport } from './export/route';
import { depthLimit } from './limits';
import { rateLimiter, type RateLimits } from './rate-limit';
import { EXAMPLES_MANIFEST, requiresTrustedDocuments, TrustedDocuments, trustedDocumentsPlugin } from './trusted-documents';

export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

export interface GatewayOptions {
  subgraphUrls: Record<SubgraphName, string>;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxDepth?: number;
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
}

/**
 * A subgraph client that sends on the request id and the caller's credentials, so a subgraph logs
 * under the client's request id and verifies the same token itself (a subgraph trusts no caller).
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<RequestInfo> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestInfo>): void {
    if (!('requestId' in context)) return; // the gateway's own health check has no client request
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

/**
 * The gateway: plans each query over the static, committed supergraph and sends the parts to the
 * subgraphs at `subgraphUrls` (which override the URLs baked into the supergraph).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('gateway');
  const trusted = TrustedDocuments.load(options.trustedDocuments ?? [EXAMPLES_MANIFEST]);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => new ForwardingDataSource({ url: options.subgraphUrls[name as SubgraphName] }),
    logger,
  });
  const apollo = new ApolloServer<RequestInfo>({
    gateway,
    formatError: maskingFormatError(logger),
    includeStacktraceInErrorResponses: false,
    // The process's own SIGTERM handler stops everything in order; Apollo's would race it.
    stopOnTerminationSignals: false,
    validationRules: [depthLimit(options.maxDepth ?? 12)],
    // Ids resolve only to registered documents; nothing is registered by traffic.
    persistedQueries: trusted.asPersistedQueries(),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      trustedDocumentsPlugin(trusted, requiresTrustedDocuments(options.trustedDocumentsOnly ?? false)),
    ],
  });
  const showExplorer = explorer();
  let bulk: BulkExport | undefined; // built on first use: it reads the schema the gateway loaded at start
  const overLimit = options.rateLimits ? rateLimiter(options.rateLimits) : null;
  const subgraphsReady = async () => {
    const checks = Object.values(options.subgraphUrls).map((url) =>
      fetch(url.replace(/\/graphql$/, '/_readiness')).then(
        (r) => r.ok,
        () => false,
      ),
    );
    return (await Promise.all(checks)).every(Boolean);
  };
  const running = await serve({
    apollo,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    // The gateway's context is the request itself; ForwardingDataSource passes it on.
    context: async (info) => info,
    verifier: createTokenVerifier(options.auth ?? null),
    logger,
    ready: subgraphsReady,
    routes: async (req, res, url, info) => {
      if (overLimit && (await overLimit(req, res, info))) return true;
      if (url.pathname === '/export/bulk') {
        bulk ??= new BulkExport(apollo, gateway.schema!, trusted, logger);
        return bulk.handle(req, res, url, info).then(() => true);
      }
      if (url.pathname === '/export') return handleExport(apollo, req, res, url, info).then(() => true);
      return showExplorer(req, res, url);
    },
  });
  logger.info(
    { url: running.url, trustedDocuments: trusted.size, trustedDocumentsOnly: options.trustedDocumentsOnly ?? false },
    'gateway listening',
  );
  return running;
}
