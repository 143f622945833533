import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose';
import type { AuthConfig, Scope } from './auth';

/** The development signing key (PKCS8 PEM, mode 0600) and the public key set the servers verify with, in the data folder. */
export const PRIVATE_KEY_FILE = 'jwt-signing-key.pem';
export const JWKS_FILE = 'jwks.json';
export const SIGNING_ALGORITHM = 'ES256';

export interface SigningKey {
  privateKey: KeyObject;
  kid: string;
  /** True when this call created the key pair. */
  created: boolean;
}

/** Writes a file whole or not at all: readers see the old content or the new, never half. */
function writeAtomically(file: string, content: string, mode: number): string {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode, flag: 'wx' });
  return tmp;
}

/**
 * The key pair of `dataDir`, created on first use. Safe when several processes race: the private
 * key is written to a temporary file and hard-linked into place, which fails if another process
 * got there first (its key then wins), and the public key set is derived from whichever private
 * key is in place and renamed into place, so every process ends up agreeing on one key.
 */
export async function ensureKeyPair(dataDir: string): Promise<SigningKey> {
  mkdirSync(dataDir, { recursive: true });
  const keyFile = path.join(dataDir, PRIVATE_KEY_FILE);
  let created = false;
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const tmp = writeAtomically(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
    try {
      linkSync(tmp, keyFile);
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  // The RFC 7638 thumbprint: the same key always gets the same id, whoever derives it.
  const kid = await calculateJwkThumbprint(publicJwk);

  const jwksFile = path.join(dataDir, JWKS_FILE);
  const existing: JWK[] = existsSync(jwksFile) ? ((JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys?: JWK[] }).keys ?? []) : [];
  if (!existing.some((k) => k.kid === kid)) {
    // Keys an operator added (a rotation in progress) stay; this key joins them.
    const jwks = { keys: [...existing, { ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' }] };
    renameSync(writeAtomically(jwksFile, `${JSON.stringify(jwks, null, 2)}\n`, 0o644), jwksFile);
  }
  return { privateKey, kid, created };
}

export interface TokenClaims {
  agency: string;
  scopes: readonly (Scope | string)[];
  regions: readonly string[];
  /** A jose duration: '1h', '30m', '7d'; or seconds since the epoch. */
  expires: string | number;
  /** Ask that only registered (trusted) documents run under this token. */
  trustedDocumentsOnly?: boolean;
}

/** Signs an agency token the servers accept: `sub`, `scope`, `regions`, `exp`, `iat`, `jti`, and `iss`/`aud` when configured. */
export async function signToken(
  key: Pick<SigningKey, 'privateKey' | 'kid'>,
  token: TokenClaims,
  config?: Partial<AuthConfig>,
): Promise<string> {
  const jwt = new SignJWT({
    scope: token.scopes.join(' '),
    regions: [...token.regions],
    ...(token.trustedDocumentsOnly ? { trusted_documents_only: true } : {}),
  })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(token.agency)
    .setIssuedAt()
    .setExpirationTime(token.expires)
    .setJti(randomUUID());
  if (config?.issuer) jwt.setIssuer(config.issuer);
  if (config?.audience) jwt.setAudience(config.audience);
  return jwt.sign(key.privateKey);
}
