import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GATEWAY_PORT, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from './manifest';

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

/** Default ports, from the manifest: the gateway on 4000, the subgraphs after it. */
export const DEFAULT_PORTS = {
  gateway: GATEWAY_PORT,
  ...Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.port])),
} as Record<SubgraphName | 'gateway', number>;

const common = {
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: logLevel.default('info'),
};

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
  };
}

export interface GatewayEnvironment {
  host: string;
  port: number;
  logLevel: z.infer<typeof logLevel>;
  subgraphUrls: Record<SubgraphName, string>;
  maxDepth: number;
  /** Trusted-documents manifests; unset means the gateway's default (examples/trusted-documents.json). */
  trustedDocuments?: string[];
  trustedDocumentsOnly: boolean;
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

const flag = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');

/** Configuration of the gateway: PORT, HOST, LOG_LEVEL, MAX_QUERY_DEPTH, TRUSTED_DOCUMENTS(_ONLY), and where each subgraph listens (`<NAME>_URL`, else `<NAME>_PORT` on loopback). */
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
      MAX_QUERY_DEPTH: z.coerce.number().int().min(2, 'must be at least 2').max(50, 'must be at most 50').default(12),
      TRUSTED_DOCUMENTS: fileList,
      TRUSTED_DOCUMENTS_ONLY: flag.default(false),
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
    maxDepth: parsed.MAX_QUERY_DEPTH as number,
    subgraphUrls,
    trustedDocuments: parsed.TRUSTED_DOCUMENTS as string[] | undefined,
    trustedDocumentsOnly: parsed.TRUSTED_DOCUMENTS_ONLY as boolean,
  };
}
