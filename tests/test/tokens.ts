import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureKeyPair, JWKS_FILE, signToken, type AuthConfig, type SigningKey, type TokenClaims } from '@hsg/core';

/** A real key pair in a temporary data folder, as `npm start` creates in ./data, and tokens signed with it. */
export interface TestKeys {
  dir: string;
  auth: AuthConfig;
  key: SigningKey;
  /** A valid token (an hour long) for Guangzhou's health commission with every write scope, unless told otherwise. */
  token: (claims?: Partial<TokenClaims>) => Promise<string>;
  remove: () => void;
}

export async function testKeys(): Promise<TestKeys> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hsg-keys-'));
  const key = await ensureKeyPair(dir);
  return {
    dir,
    auth: { jwksFile: path.join(dir, JWKS_FILE) },
    key,
    token: (claims = {}) =>
      signToken(key, {
        agency: 'guangzhou-health-commission',
        scopes: ['facilities:write', 'indicators:write', 'officials:write'],
        regions: ['440100'],
        expires: '1h',
        ...claims,
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
