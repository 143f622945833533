import { statSync, readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { formatDuration } from './duration';
import { SUBGRAPHS, type SubgraphEntry } from './manifest';

/**
 * Who is asking. Reads are open, so a request without a token is `anonymous`; a request with a
 * valid token is the `agency` named by its `sub`, with the rights the token grants. A request with
 * a bad token never gets this far: it is refused as UNAUTHENTICATED (see AuthenticationError).
 */
export type Caller = AnonymousCaller | AgencyCaller;

export interface AnonymousCaller {
  readonly kind: 'anonymous';
}

export interface AgencyCaller {
  readonly kind: 'agency';
  /** The token's `sub`: the agency's id, an Organization id in the graph where one exists (`gz-health-commission`). */
  readonly agency: string;
  /** The token's `scope`, split on spaces (`facilities:write` …); scopes this graph does not know are kept, never granted anything. */
  readonly scopes: readonly string[];
  /** The token's `regions`: the jurisdiction, region ids whose subtrees the agency may write in. */
  readonly regions: readonly string[];
  /** The token's `jti`, when it has one (for the audit trail). */
  readonly tokenId: string | null;
  readonly expiresAt: Date;
  /** The token's `trusted_documents_only`: only registered documents run under it. */
  readonly trustedDocumentsOnly: boolean;
}

export const ANONYMOUS: AnonymousCaller = Object.freeze({ kind: 'anonymous' });

/** The subgraphs agencies write to (the manifest's `agencyWrites`). */
type Written = Extract<SubgraphEntry, { agencyWrites: true }>['name'];
/** A token scope: `<subgraph>:write`, writing to one owning subgraph's entities, for each subgraph agencies write to. */
export type Scope = `${Written}:write`;
/** The scopes this graph grants, read off the manifest. */
export const SCOPES: readonly Scope[] = SUBGRAPHS.filter((s) => s.agencyWrites).map((s) => `${s.name as Written}:write` as const);

/** The only signature algorithms accepted: asymmetric, so a key set can be public. `none` and HS* never verify. */
export const ALGORITHMS = ['RS256', 'ES256'] as const;

/**
 * Longest lifetime of a token a server accepts, and the longest the token command mints: 30
 * days. A token is a bearer credential that cannot be revoked before it expires; one that never
 * does is a key handed over for good. JWT_MAX_LIFETIME changes it, for both.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 30 * 86400;

/** How tokens are checked. The key set is `jwksUrl` when set, else the local `jwksFile` (public keys only). */
export interface AuthConfig {
  jwksFile: string;
  jwksUrl?: string;
  /** When set, a token's `iss` must equal it (and the token command sets it). */
  issuer?: string;
  /** When set, a token's `aud` must include it (and the token command sets it). */
  audience?: string;
  /** Longest lifetime accepted (`exp` − `iat`, or `exp` − now), in seconds; DEFAULT_MAX_TOKEN_LIFETIME_SECONDS when unset. */
  maxLifetimeSeconds?: number;
}

/** A token that is present but unusable. The HTTP layer answers it with 401 UNAUTHENTICATED and this message. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** Turns the Authorization header (as sent, or null) into the caller, or throws AuthenticationError. */
export type TokenVerifier = (authorization: string | null) => Promise<Caller>;

const GET_A_TOKEN = 'For local use, mint one with `npm run -s token -- --agency <id> --scopes <a,b> --regions <id,id>`.';

const claims = z.object({
  sub: z.string().min(1).max(200).regex(/^\S+$/, 'must not contain spaces'),
  scope: z.string().max(2000).optional(),
  regions: z.array(z.string().min(1).max(100)).max(1000).optional(),
  jti: z.string().max(200).optional(),
  exp: z.number(),
  iat: z.number().optional(),
  /** The agency asks that only registered (trusted) documents run under its token. */
  trusted_documents_only: z.boolean().optional(),
});

/**
 * The local key set, read again whenever the file changes, so a key pair created or rotated while
 * the servers run is used at once. A missing file means this server can verify no token at all.
 */
function localKeySet(file: string): JWTVerifyGetKey {
  let cached: { stamp: string; keys: JWTVerifyGetKey } | null = null;
  return (header, token) => {
    let stamp: string;
    try {
      const stat = statSync(file);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      throw new AuthenticationError(
        `This server cannot verify tokens: its key set ${file} does not exist. ` +
          '`npm start` (or the token command) creates it; or set JWKS_URL. Requests without a token are still answered.',
      );
    }
    if (cached?.stamp !== stamp) {
      cached = { stamp, keys: createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8'))) };
    }
    return cached.keys(header, token);
  };
}

/** Why jose refused a token, in words a client can act on. */
function explain(e: unknown, keySource: string): AuthenticationError | null {
  if (e instanceof AuthenticationError) return e;
  if (e instanceof errors.JWTExpired) {
    const exp = Number(e.payload.exp);
    return new AuthenticationError(`The token expired at ${new Date(exp * 1000).toISOString()}. Get a new one. ${GET_A_TOKEN}`);
  }
  if (e instanceof errors.JOSEAlgNotAllowed) {
    return new AuthenticationError(`The token's signature algorithm is not accepted; this server accepts ${ALGORITHMS.join(' or ')} only.`);
  }
  if (e instanceof errors.JWKSNoMatchingKey) {
    return new AuthenticationError(
      `No key in this server's key set (${keySource}) matches the token's "kid" and "alg": it was not issued for this graph, or its key was retired. ${GET_A_TOKEN}`,
    );
  }
  if (e instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthenticationError(
      `The token names no "kid" and several keys in this server's key set could match; put the key id in its header.`,
    );
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthenticationError(
      `The token's signature does not verify with this server's key set (${keySource}): it was signed by another key.`,
    );
  }
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.reason === 'missing')
      return new AuthenticationError(`The token has no "${e.claim}" claim; this server requires "exp" and "sub".`);
    return new AuthenticationError(`The token's "${e.claim}" claim is not accepted: ${e.message}.`);
  }
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid || e instanceof errors.JOSENotSupported) {
    return new AuthenticationError(`The bearer token is not a usable signed JWT (${e.message}). ${GET_A_TOKEN}`);
  }
  return null;
}

/** The token out of `Bearer <token>`, or an AuthenticationError saying what is wrong with the header. */
function bearerToken(authorization: string): string {
  const match = /^(\S+)(?: +(\S+))? *$/.exec(authorization);
  if (!match) return refuse('The Authorization header must be "Bearer <token>" (one space, no line breaks).');
  const [, scheme, token] = match;
  if (!token) return refuse(`The Authorization header must be "Bearer <token>"; it holds one word and no scheme.`);
  if (scheme.toLowerCase() !== 'bearer')
    return refuse(`The Authorization header must be "Bearer <token>"; "${scheme.slice(0, 20)}" is not accepted.`);
  return token;
}

/** A lifetime in days, rounded up to two decimals (a second past 30 days reads 30.01): what a person compares with the limit. */
const formatDays = (seconds: number) =>
  `${(Math.ceil((seconds / 86400) * 100) / 100).toLocaleString('en', { maximumFractionDigits: 2 })} days`;

function refuse(message: string): never {
  throw new AuthenticationError(message);
}

/**
 * The one verifier of bearer tokens every process uses (gateway and subgraphs alike): signature
 * against the key set, algorithm on the allow-list, `exp` required (with 30 s of clock skew) and
 * no further off than the longest lifetime, `iss`/`aud` when configured, and the claims this
 * graph reads checked for shape.
 */
export function createTokenVerifier(config: AuthConfig | null): TokenVerifier {
  const keySource = config?.jwksUrl ?? config?.jwksFile ?? 'none configured';
  const maxLifetime = config?.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const keys: JWTVerifyGetKey | null = !config
    ? null
    : config.jwksUrl
      ? createRemoteJWKSet(new URL(config.jwksUrl))
      : localKeySet(config.jwksFile);
  return async (authorization) => {
    if (authorization === null) return ANONYMOUS;
    const token = bearerToken(authorization);
    if (!keys) refuse('This server is configured without a key set, so it verifies no token; send the request without one.');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: [...ALGORITHMS],
        requiredClaims: ['exp', 'sub'],
        issuer: config?.issuer,
        audience: config?.audience,
        clockTolerance: 30,
      }));
    } catch (e) {
      throw explain(e, keySource) ?? e;
    }
    const parsed = claims.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refuse(`The token's "${issue.path.join('.')}" claim is not usable: ${issue.message}.`);
    }
    const { sub, scope, regions, jti, exp, iat, trusted_documents_only } = parsed.data;
    // An `iat` in the future would shorten the lifetime on paper only: it counts from now then.
    const lifetime = exp - Math.min(iat ?? Infinity, Date.now() / 1000);
    if (lifetime > maxLifetime) {
      refuse(
        `The token is valid for ${formatDays(lifetime)} (from "iat", or from now without one, to "exp"); this server accepts tokens valid for at most ${formatDuration(maxLifetime)} (JWT_MAX_LIFETIME). Get a shorter-lived one. ${GET_A_TOKEN}`,
      );
    }
    return {
      kind: 'agency',
      agency: sub,
      scopes: (scope ?? '').split(' ').filter(Boolean),
      regions: regions ?? [],
      tokenId: jti ?? null,
      expiresAt: new Date(exp * 1000),
      trustedDocumentsOnly: trusted_documents_only ?? false,
    };
  };
}
