import { z } from 'zod';
import { DEFAULT_LIMITS, DEFAULT_MAX_ENTITY_REPRESENTATIONS, type OperationLimits } from './limits';

/**
 * Every process reads its configuration here, once, at start. A bad value stops the start
 * with a message naming the variable and the reason, instead of failing later mid-request.
 */
const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const databaseUrl = z
  .string()
  .url('must be a URL such as postgres://user:pass@127.0.0.1:5432/hsg')
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'only postgres:// URLs are supported; leave it unset for the embedded SQLite')
  .optional();

export const SUBGRAPH_NAMES = ['regions', 'facilities', 'indicators', 'officials', 'search'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default ports: the gateway on 4000, subgraphs on 4001–4005 in this order. */
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  regions: 4001,
  facilities: 4002,
  indicators: 4003,
  officials: 4004,
  search: 4005,
};

/** A whole number within [min, max], with messages that say so. */
const whole = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const common = {
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: logLevel.default('info'),
  LOG_MAX_FIELD_CHARS: whole(100, 1_000_000).default(2000),
};

/** The parser and operation limits (services/common/src/limits.ts), the same variables for the gateway and every subgraph. */
const limits = {
  MAX_QUERY_DEPTH: whole(2, 50).default(DEFAULT_LIMITS.maxDepth),
  MAX_QUERY_TOKENS: whole(50, 100_000).default(DEFAULT_LIMITS.maxTokens),
  MAX_ALIASES: whole(0, 10_000).default(DEFAULT_LIMITS.maxAliases),
  MAX_ROOT_FIELDS: whole(1, 10_000).default(DEFAULT_LIMITS.maxRootFields),
  MAX_DIRECTIVES: whole(0, 10_000).default(DEFAULT_LIMITS.maxDirectives),
  MAX_BODY_BYTES: whole(1024, 100_000_000).default(DEFAULT_LIMITS.maxBodyBytes),
};

/** The default cost budget of one operation; gateway/src/cost.ts explains the model. */
export const DEFAULT_MAX_COST = 20_000;

function limitsOf(parsed: Record<string, unknown>): OperationLimits {
  return {
    maxDepth: parsed.MAX_QUERY_DEPTH as number,
    maxTokens: parsed.MAX_QUERY_TOKENS as number,
    maxAliases: parsed.MAX_ALIASES as number,
    maxRootFields: parsed.MAX_ROOT_FIELDS as number,
    maxDirectives: parsed.MAX_DIRECTIVES as number,
    maxBodyBytes: parsed.MAX_BODY_BYTES as number,
  };
}

export class EnvironmentError extends Error {
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

function parse<T extends z.ZodRawShape>(shape: T, env: NodeJS.ProcessEnv): z.infer<z.ZodObject<T>> {
  // Empty strings count as unset, so `PORT= npm start` behaves like no PORT at all.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = z.object(shape).safeParse(cleaned);
  if (!result.success) {
    throw new EnvironmentError(
      result.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(cleaned[String(i.path[0])] ?? '')}: ${i.message}`),
    );
  }
  return result.data;
}

export interface SubgraphEnvironment {
  host: string;
  port: number;
  logLevel: z.infer<typeof logLevel>;
  dataDir: string;
  databaseUrl?: string;
  seedsDir: string;
  logMaxFieldChars: number;
  limits: OperationLimits;
  maxEntityRepresentations: number;
}

/** Configuration of one subgraph process: `<NAME>_PORT` (e.g. FACILITIES_PORT), DATA_DIR, DATABASE_URL, SEEDS_DIR, LOG_LEVEL. */
export function subgraphEnvironment(name: SubgraphName, env: NodeJS.ProcessEnv, repoRoot: string): SubgraphEnvironment {
  const portVar = `${name.toUpperCase()}_PORT`;
  const parsed = parse(
    {
      ...common,
      [portVar]: port.default(DEFAULT_PORTS[name]),
      DATA_DIR: z.string().min(1).default(`${repoRoot}/data`),
      SEEDS_DIR: z.string().min(1).default(`${repoRoot}/seeds`),
      DATABASE_URL: databaseUrl,
      ...limits,
      MAX_ENTITY_REPRESENTATIONS: whole(1, 1_000_000).default(DEFAULT_MAX_ENTITY_REPRESENTATIONS),
    },
    env,
  ) as Record<string, unknown>;
  return {
    host: parsed.HOST as string,
    port: parsed[portVar] as number,
    logLevel: parsed.LOG_LEVEL as SubgraphEnvironment['logLevel'],
    dataDir: parsed.DATA_DIR as string,
    databaseUrl: parsed.DATABASE_URL as string | undefined,
    seedsDir: parsed.SEEDS_DIR as string,
    logMaxFieldChars: parsed.LOG_MAX_FIELD_CHARS as number,
    limits: limitsOf(parsed),
    maxEntityRepresentations: parsed.MAX_ENTITY_REPRESENTATIONS as number,
  };
}

export interface GatewayEnvironment {
  host: string;
  port: number;
  logLevel: z.infer<typeof logLevel>;
  subgraphUrls: Record<SubgraphName, string>;
  logMaxFieldChars: number;
  limits: OperationLimits;
  /** Largest estimated cost of an operation (gateway/src/cost.ts). */
  maxCost: number;
  /** How long one subgraph request may take before its part of the response is an error. */
  subgraphTimeoutMs: number;
  /** How long `/_readiness` waits for each subgraph's own readiness. */
  readinessTimeoutMs: number;
}

/**
 * Configuration of the gateway: PORT, HOST, LOG_LEVEL, the operation limits, MAX_COST,
 * SUBGRAPH_TIMEOUT_MS, READINESS_TIMEOUT_MS, and where each subgraph listens (`<NAME>_URL`, else
 * `<NAME>_PORT` on loopback).
 */
export function gatewayEnvironment(env: NodeJS.ProcessEnv): GatewayEnvironment {
  const perSubgraph: Record<string, z.ZodType> = {};
  for (const name of SUBGRAPH_NAMES) {
    perSubgraph[`${name.toUpperCase()}_URL`] = z.string().url('must be a URL such as http://127.0.0.1:4001/graphql').optional();
    perSubgraph[`${name.toUpperCase()}_PORT`] = port.default(DEFAULT_PORTS[name]);
  }
  const parsed = parse(
    {
      ...common,
      PORT: port.default(DEFAULT_PORTS.gateway),
      ...limits,
      MAX_COST: whole(1, 100_000_000).default(DEFAULT_MAX_COST),
      SUBGRAPH_TIMEOUT_MS: whole(100, 600_000).default(5000),
      READINESS_TIMEOUT_MS: whole(100, 60_000).default(2000),
      ...perSubgraph,
    },
    env,
  ) as Record<string, unknown>;
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const explicit = parsed[`${name.toUpperCase()}_URL`] as string | undefined;
      return [name, explicit ?? `http://127.0.0.1:${parsed[`${name.toUpperCase()}_PORT`] as number}/graphql`];
    }),
  ) as Record<SubgraphName, string>;
  return {
    host: parsed.HOST as string,
    port: parsed.PORT as number,
    logLevel: parsed.LOG_LEVEL as GatewayEnvironment['logLevel'],
    logMaxFieldChars: parsed.LOG_MAX_FIELD_CHARS as number,
    limits: limitsOf(parsed),
    maxCost: parsed.MAX_COST as number,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS as number,
    readinessTimeoutMs: parsed.READINESS_TIMEOUT_MS as number,
    subgraphUrls,
  };
}

export interface SupervisorEnvironment {
  restartDelayMs: number;
  restartMaxDelayMs: number;
}

/** Configuration of `npm start`'s supervisor (scripts/start.js): RESTART_DELAY_MS, RESTART_MAX_DELAY_MS. */
export function supervisorEnvironment(env: NodeJS.ProcessEnv): SupervisorEnvironment {
  const parsed = parse(
    {
      RESTART_DELAY_MS: whole(10, 600_000).default(1000),
      RESTART_MAX_DELAY_MS: whole(10, 3_600_000).default(30_000),
    },
    env,
  );
  return { restartDelayMs: parsed.RESTART_DELAY_MS, restartMaxDelayMs: parsed.RESTART_MAX_DELAY_MS };
}
