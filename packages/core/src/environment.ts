import { existsSync } from 'node:fs';
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import type { AuthConfig } from './auth';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './auth';
import { durationSeconds, formatDuration } from './duration';
import { JWKS_FILE } from './keys';
import { GATEWAY_PORT, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from './manifest';
import { DEFAULT_SLOW_REQUEST_MS } from './observe';
import { corsOriginProblem, DEFAULT_CORS_ORIGINS, type CorsOrigins } from './cors';
import { REPO_ROOT } from './paths';
import type { TracingConfig } from './tracing';
import { DEFAULT_DEADLINES, DEFAULT_LIMITS, DEFAULT_MAX_ENTITY_REPRESENTATIONS, type Deadlines, type OperationLimits } from './limits';

/**
 * Every process reads its configuration here, once, at start. A bad value stops the start
 * with a message naming the variable and the reason, instead of failing later mid-request.
 */
const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const perMinute = z.coerce
  .number({ message: 'must be a number of requests per minute' })
  .int('must be a whole number')
  .min(0, 'must be 0 (no limit) or more');

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** json for machines (the default), pretty (pino-pretty) for a person at a terminal. */
const logFormat = z.enum(['json', 'pretty'], { message: 'must be json or pretty' });

const databaseUrl = z
  .string()
  .url('must be a URL such as postgres://user:pass@127.0.0.1:5432/hsg')
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'only postgres:// URLs are supported; leave it unset for the embedded SQLite')
  .optional();

/** Default ports, from the manifest: the gateway on 4000, the subgraphs after it. */
export const DEFAULT_PORTS = {
  gateway: GATEWAY_PORT,
  ...Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.port])),
} as Record<SubgraphName | 'gateway', number>;

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
  LOG_FORMAT: logFormat.default('json'),
  SLOW_REQUEST_MS: whole(1, 3_600_000).default(DEFAULT_SLOW_REQUEST_MS),
  // The OpenTelemetry names, so an operator's usual settings work; spans go nowhere unless set.
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .url('must be a URL such as http://127.0.0.1:4318 (an OTLP/HTTP collector)')
    .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL')
    .optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none'], { message: 'must be otlp, console or none' }).optional(),
};

/**
 * Where spans go: OTLP/HTTP to `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces` when the endpoint is set,
 * standard output with OTEL_TRACES_EXPORTER=console, else nowhere (tracing off).
 */
function tracingOf(parsed: Record<string, unknown>): TracingConfig {
  const endpoint = parsed.OTEL_EXPORTER_OTLP_ENDPOINT as string | undefined;
  const exporter = parsed.OTEL_TRACES_EXPORTER as 'otlp' | 'console' | 'none' | undefined;
  if (exporter === 'none') return { exporter: 'none' };
  if (exporter === 'console') return { exporter: 'console' };
  if (endpoint) return { exporter: 'otlp', url: `${endpoint.replace(/\/+$/, '')}/v1/traces` };
  if (exporter === 'otlp') {
    throw new EnvironmentError(['OTEL_TRACES_EXPORTER="otlp": needs OTEL_EXPORTER_OTLP_ENDPOINT, the collector to send spans to']);
  }
  return { exporter: 'none' };
}

/** Bounds of JWT_MAX_LIFETIME: a minute (shorter cannot cross a clock's skew) to a year. */
const TOKEN_LIFETIME_RANGE = [60, 365 * 86400] as const;

/** The longest token lifetime, as the token command's --expires writes one (30d), in seconds. */
const tokenLifetime = z
  .string()
  .transform((v) => durationSeconds(v) ?? Number.NaN)
  .refine(
    (seconds) => seconds >= TOKEN_LIFETIME_RANGE[0] && seconds <= TOKEN_LIFETIME_RANGE[1],
    `must be a duration <n>s, <n>m, <n>h or <n>d, from ${formatDuration(TOKEN_LIFETIME_RANGE[0])} to ${formatDuration(TOKEN_LIFETIME_RANGE[1])} (e.g. 30d)`,
  );

/** How every process checks tokens: the same variables for the gateway, the subgraphs and the token command. */
const auth = (repoRoot: string) => ({
  DATA_DIR: z.string().min(1).default(`${repoRoot}/data`),
  JWKS_URL: z
    .string()
    .url('must be a URL such as https://id.example.gov.cn/.well-known/jwks.json')
    .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL')
    .optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_MAX_LIFETIME: tokenLifetime.default(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
});

function authConfig(parsed: Record<string, unknown>): AuthConfig {
  return {
    jwksFile: path.join(parsed.DATA_DIR as string, JWKS_FILE),
    jwksUrl: parsed.JWKS_URL as string | undefined,
    issuer: parsed.JWT_ISSUER as string | undefined,
    audience: parsed.JWT_AUDIENCE as string | undefined,
    maxLifetimeSeconds: parsed.JWT_MAX_LIFETIME as number,
  };
}

/** The parser and operation limits (limits.ts), the same variables for the gateway and every subgraph. */
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

/** Where each subgraph listens: `<NAME>_URL`, else `<NAME>_PORT` on loopback (the gateway's and the followers' view). */
function subgraphLocations(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const name of SUBGRAPH_NAMES) {
    shape[`${name.toUpperCase()}_URL`] = z.string().url('must be a URL such as http://127.0.0.1:4001/graphql').optional();
    shape[`${name.toUpperCase()}_PORT`] = port.default(DEFAULT_PORTS[name]);
  }
  return shape;
}

function subgraphUrlsOf(parsed: Record<string, unknown>): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const explicit = parsed[`${name.toUpperCase()}_URL`] as string | undefined;
      return [name, explicit ?? `http://127.0.0.1:${parsed[`${name.toUpperCase()}_PORT`] as number}/graphql`];
    }),
  ) as Record<SubgraphName, string>;
}

export type LogFormat = z.infer<typeof logFormat>;

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
  auth: AuthConfig;
  logMaxFieldChars: number;
  logFormat: LogFormat;
  slowRequestMs: number;
  tracing: TracingConfig;
  limits: OperationLimits;
  maxEntityRepresentations: number;
  /** How long a statement and an agency write may take (STATEMENT_TIMEOUT_MS, WRITE_TIMEOUT_MS). */
  deadlines: Deadlines;
  /** Where the other subgraphs listen, for a subgraph that follows their change feeds. */
  peers: Record<SubgraphName, string>;
}

/** Configuration of one subgraph process: `<NAME>_PORT` (e.g. FACILITIES_PORT), DATA_DIR, DATABASE_URL, SEEDS_DIR, LOG_LEVEL. */
export function subgraphEnvironment(name: SubgraphName, env: NodeJS.ProcessEnv, repoRoot: string): SubgraphEnvironment {
  const portVar = `${name.toUpperCase()}_PORT`;
  const parsed = parse(
    {
      ...common,
      ...auth(repoRoot),
      [portVar]: port.default(DEFAULT_PORTS[name]),
      SEEDS_DIR: z.string().min(1).default(`${repoRoot}/seeds`),
      DATABASE_URL: databaseUrl,
      ...limits,
      MAX_ENTITY_REPRESENTATIONS: whole(1, 1_000_000).default(DEFAULT_MAX_ENTITY_REPRESENTATIONS),
      STATEMENT_TIMEOUT_MS: whole(10, 600_000).default(DEFAULT_DEADLINES.statementMs),
      WRITE_TIMEOUT_MS: whole(10, 600_000).default(DEFAULT_DEADLINES.writeMs),
      ...subgraphLocations(),
      // The subgraph's own port variable, given above, takes precedence.
      [portVar]: port.default(DEFAULT_PORTS[name]),
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
    auth: authConfig(parsed),
    logMaxFieldChars: parsed.LOG_MAX_FIELD_CHARS as number,
    logFormat: parsed.LOG_FORMAT as LogFormat,
    slowRequestMs: parsed.SLOW_REQUEST_MS as number,
    tracing: tracingOf(parsed),
    limits: limitsOf(parsed),
    maxEntityRepresentations: parsed.MAX_ENTITY_REPRESENTATIONS as number,
    deadlines: { statementMs: parsed.STATEMENT_TIMEOUT_MS as number, writeMs: parsed.WRITE_TIMEOUT_MS as number },
    peers: subgraphUrlsOf(parsed),
  };
}

export interface GatewayEnvironment {
  host: string;
  port: number;
  logLevel: z.infer<typeof logLevel>;
  subgraphUrls: Record<SubgraphName, string>;
  logMaxFieldChars: number;
  logFormat: LogFormat;
  /** GraphQL requests taking longer are logged at warn. */
  slowRequestMs: number;
  tracing: TracingConfig;
  limits: OperationLimits;
  /** Largest estimated cost of an operation (gateway/src/cost.ts). */
  maxCost: number;
  /** How long one subgraph request may take before its part of the response is an error. */
  subgraphTimeoutMs: number;
  /** How long `/_readiness` waits for each subgraph's own readiness. */
  readinessTimeoutMs: number;
  /** Trusted-documents manifests; unset means the gateway's default (examples/trusted-documents.json). */
  trustedDocuments?: string[];
  trustedDocumentsOnly: boolean;
  auth: AuthConfig;
  /** Requests per minute per agency (token subject) and per client address for anonymous requests; 0 is no limit. */
  rateLimits: { agencyPerMinute: number; anonymousPerMinute: number; redisUrl?: string };
  /** Proxies (addresses, ranges, loopback…) whose X-Forwarded-For names the client; empty trusts none. */
  trustedProxies: string[];
  /** The gateway's response cache (gateway/src/response-cache), or false when RESPONSE_CACHE=off. */
  responseCache: ResponseCacheSettings | false;
  /** Browser origins that may call (packages/core/src/cors.ts); empty allows none. */
  corsOrigins: CorsOrigins;
  /** How many change streams (gateway/src/stream) may be open at once: per caller, and in all. */
  streams: StreamLimits;
}

/** Bounds of the gateway's open change streams, each a connection held open and a follower of the feed. */
export interface StreamLimits {
  /** Per caller: an agency (the token's subject) or, for anonymous requests, a client address. */
  perCaller: number;
  /** In this gateway process, over every caller. */
  total: number;
}

/** A handful per caller (a few tabs of one app); a few hundred in all, each a socket and a page read per change. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { perCaller: 4, total: 256 };

export interface ResponseCacheSettings {
  /** How long an entry lives at most: what bounds staleness after a write that bypassed the gateway. */
  ttlMs: number;
  /** Bound of the in-memory store, in bytes of the stored JSON. */
  maxBytes: number;
  /** Larger responses are answered but not stored. */
  maxEntryBytes: number;
  /** Shared store of every replica; unset keeps the cache in this process's memory. */
  redisUrl?: string;
}

/** A comma-separated list of existing files, resolved against the working directory. */
const fileList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => path.resolve(f)),
  )
  .refine((files) => files.length > 0, 'must name at least one manifest file')
  .superRefine((files, ctx) => {
    for (const f of files) if (!existsSync(f)) ctx.addIssue({ code: 'custom', message: `no such file: ${f}` });
  })
  .optional();

/**
 * The addresses whose X-Forwarded-For the gateway believes: addresses, CIDR ranges, or the names
 * loopback, linklocal and uniquelocal (proxy-addr's). Checked here by compiling them, so a typo
 * stops the start instead of silently trusting nothing.
 */
const proxyList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  )
  .superRefine((addresses, ctx) => {
    try {
      proxyaddr.compile(addresses);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${(e as Error).message}; use addresses, CIDR ranges such as 10.0.0.0/8, or loopback` });
    }
  })
  .default([]);

/**
 * CORS_ORIGINS: the browser origins that may call, comma-separated (`*`, exact origins, or
 * `scheme://host:*` for any port); `none` allows no browser on another origin. Unset, local dev
 * servers on this machine are allowed (DEFAULT_CORS_ORIGINS).
 */
const corsOrigins = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .superRefine((origins, ctx) => {
    if (origins.length === 1 && origins[0] === 'none') return;
    if (origins.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one origin, or be none' });
    for (const origin of origins) {
      const problem = corsOriginProblem(origin);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  })
  .transform((origins): CorsOrigins => (origins[0] === 'none' ? [] : origins))
  .default(DEFAULT_CORS_ORIGINS);

const flag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

/**
 * Configuration of the gateway: PORT, HOST, LOG_LEVEL, the operation limits, MAX_COST,
 * SUBGRAPH_TIMEOUT_MS, READINESS_TIMEOUT_MS, TRUSTED_DOCUMENTS(_ONLY), the token checks, the rate
 * limits, TRUSTED_PROXIES, CORS_ORIGINS, STREAMS_PER_CALLER, STREAMS_MAX, and where each subgraph listens (`<NAME>_URL`, else `<NAME>_PORT` on loopback).
 */
export function gatewayEnvironment(env: NodeJS.ProcessEnv, repoRoot: string = REPO_ROOT): GatewayEnvironment {
  const parsed = parse(
    {
      ...common,
      ...auth(repoRoot),
      PORT: port.default(DEFAULT_PORTS.gateway),
      TRUSTED_DOCUMENTS: fileList,
      TRUSTED_DOCUMENTS_ONLY: flag.default(false),
      RATE_LIMIT_AGENCY: perMinute.default(600),
      RATE_LIMIT_ANONYMOUS: perMinute.default(1200),
      TRUSTED_PROXIES: proxyList,
      CORS_ORIGINS: corsOrigins,
      STREAMS_PER_CALLER: whole(1, 1000).default(DEFAULT_STREAM_LIMITS.perCaller),
      STREAMS_MAX: whole(1, 100_000).default(DEFAULT_STREAM_LIMITS.total),
      ...limits,
      MAX_COST: whole(1, 100_000_000).default(DEFAULT_MAX_COST),
      SUBGRAPH_TIMEOUT_MS: whole(100, 600_000).default(5000),
      READINESS_TIMEOUT_MS: whole(100, 60_000).default(2000),
      RESPONSE_CACHE: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
      RESPONSE_CACHE_TTL_MS: whole(1000, 86_400_000).default(60_000),
      RESPONSE_CACHE_MAX_BYTES: whole(1024, 4_000_000_000).default(64 * 1024 * 1024),
      RESPONSE_CACHE_MAX_ENTRY_BYTES: whole(1024, 100_000_000).default(1024 * 1024),
      REDIS_URL: z
        .string()
        .url('must be a URL such as redis://127.0.0.1:6379')
        .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL')
        .optional(),
      ...subgraphLocations(),
    },
    env,
  ) as Record<string, unknown>;
  const subgraphUrls = subgraphUrlsOf(parsed);
  return {
    host: parsed.HOST as string,
    port: parsed.PORT as number,
    logLevel: parsed.LOG_LEVEL as GatewayEnvironment['logLevel'],
    logMaxFieldChars: parsed.LOG_MAX_FIELD_CHARS as number,
    logFormat: parsed.LOG_FORMAT as LogFormat,
    slowRequestMs: parsed.SLOW_REQUEST_MS as number,
    tracing: tracingOf(parsed),
    limits: limitsOf(parsed),
    maxCost: parsed.MAX_COST as number,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS as number,
    readinessTimeoutMs: parsed.READINESS_TIMEOUT_MS as number,
    subgraphUrls,
    trustedDocuments: parsed.TRUSTED_DOCUMENTS as string[] | undefined,
    trustedDocumentsOnly: parsed.TRUSTED_DOCUMENTS_ONLY as boolean,
    auth: authConfig(parsed),
    rateLimits: {
      agencyPerMinute: parsed.RATE_LIMIT_AGENCY as number,
      anonymousPerMinute: parsed.RATE_LIMIT_ANONYMOUS as number,
      redisUrl: parsed.REDIS_URL as string | undefined,
    },
    trustedProxies: parsed.TRUSTED_PROXIES as string[],
    corsOrigins: parsed.CORS_ORIGINS as CorsOrigins,
    streams: { perCaller: parsed.STREAMS_PER_CALLER as number, total: parsed.STREAMS_MAX as number },
    responseCache: parsed.RESPONSE_CACHE === 'on' && {
      ttlMs: parsed.RESPONSE_CACHE_TTL_MS as number,
      maxBytes: parsed.RESPONSE_CACHE_MAX_BYTES as number,
      maxEntryBytes: parsed.RESPONSE_CACHE_MAX_ENTRY_BYTES as number,
      redisUrl: parsed.REDIS_URL as string | undefined,
    },
  };
}

/** The token checks alone (DATA_DIR, JWKS_URL, JWT_ISSUER, JWT_AUDIENCE), for the token command and the start script. */
export function authEnvironment(env: NodeJS.ProcessEnv, repoRoot: string = REPO_ROOT): AuthConfig & { dataDir: string } {
  const parsed = parse(auth(repoRoot), env) as Record<string, unknown>;
  return { ...authConfig(parsed), dataDir: parsed.DATA_DIR as string };
}

export interface SupervisorEnvironment {
  restartDelayMs: number;
  restartMaxDelayMs: number;
  /** How often each child's /_health is probed once the graph is up. */
  livenessIntervalMs: number;
  /** How long a probe waits for an answer; no answer counts as a failure. */
  livenessTimeoutMs: number;
  /** Failed probes in a row after which a child is killed and restarted. */
  livenessFailures: number;
}

/**
 * Configuration of `npm start`'s supervisor (scripts/start.js): RESTART_DELAY_MS,
 * RESTART_MAX_DELAY_MS, and the liveness probe (LIVENESS_INTERVAL_MS, LIVENESS_TIMEOUT_MS,
 * LIVENESS_FAILURES; a container orchestrator's periodSeconds, timeoutSeconds, failureThreshold).
 */
export function supervisorEnvironment(env: NodeJS.ProcessEnv): SupervisorEnvironment {
  const parsed = parse(
    {
      RESTART_DELAY_MS: whole(10, 600_000).default(1000),
      RESTART_MAX_DELAY_MS: whole(10, 3_600_000).default(30_000),
      LIVENESS_INTERVAL_MS: whole(100, 600_000).default(2000),
      LIVENESS_TIMEOUT_MS: whole(100, 600_000).default(2000),
      LIVENESS_FAILURES: whole(1, 100).default(3),
    },
    env,
  );
  return {
    restartDelayMs: parsed.RESTART_DELAY_MS,
    restartMaxDelayMs: parsed.RESTART_MAX_DELAY_MS,
    livenessIntervalMs: parsed.LIVENESS_INTERVAL_MS,
    livenessTimeoutMs: parsed.LIVENESS_TIMEOUT_MS,
    livenessFailures: parsed.LIVENESS_FAILURES,
  };
}
