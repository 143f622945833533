// Apollo Gateway probes cloud metadata addresses and reports usage unless this is set before it is
// created; nothing may leave this machine, so it is set here, in code, not left to the shell.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  apolloLimits,
  createLogger,
  DEFAULT_LIMITS,
  DEFAULT_MAX_COST,
  maskingFormatError,
  REPO_ROOT,
  serve,
  type Logger,
  type OperationLimits,
  type RunningServer,
  type SubgraphName,
} from '@hsg/common';
import { costPlugin } from './cost';
import { explorer } from './explorer';
import { handleExport } from './export/route';
import { subgraphReadiness } from './readiness';
import { SubgraphClient } from './subgraph-client';

export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

export interface GatewayOptions {
  subgraphUrls: Record<SubgraphName, string>;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Parser and operation limits (services/common/src/limits.ts). */
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
}

/**
 * The gateway: plans each query over the static, committed supergraph and sends the parts to the
 * subgraphs at `subgraphUrls` (which override the URLs baked into the supergraph).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger('gateway');
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const limits = options.limits ?? DEFAULT_LIMITS;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new SubgraphClient({ name, url: options.subgraphUrls[name as SubgraphName], timeoutMs: options.subgraphTimeoutMs ?? 5000, logger }),
    logger,
  });
  const limited = apolloLimits(limits);
  const apollo = new ApolloServer({
    gateway,
    formatError: maskingFormatError(logger),
    includeStacktraceInErrorResponses: false,
    // The process's own SIGTERM handler stops everything in order; Apollo's would race it.
    stopOnTerminationSignals: false,
    parseOptions: limited.parseOptions,
    validationRules: limited.validationRules,
    plugins: [ApolloServerPluginLandingPageDisabled(), ...limited.plugins, costPlugin(supergraphSdl, options.maxCost ?? DEFAULT_MAX_COST)],
  });
  const showExplorer = explorer();
  const running = await serve({
    apollo,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    maxBodyBytes: limits.maxBodyBytes,
    context: async () => ({}),
    ready: subgraphReadiness(options.subgraphUrls, options.readinessTimeoutMs ?? 2000),
    routes: async (req, res, url) => {
      if (url.pathname === '/export') return handleExport(apollo, req, res, url, limits.maxBodyBytes).then(() => true);
      return showExplorer(req, res, url);
    },
  });
  logger.info({ url: running.url }, 'gateway listening');
  return running;
}
