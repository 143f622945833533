import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AuthenticationError, createTokenVerifier, ensureKeyPair, JWKS_FILE, PRIVATE_KEY_FILE, signToken, type SigningKey } from '../src';

let dir: string;
let key: SigningKey;
let other: SigningKey;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-auth-'));
  key = await ensureKeyPair(path.join(dir, 'data'));
  other = await ensureKeyPair(path.join(dir, 'other'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jwksFile = () => path.join(dir, 'data', JWKS_FILE);
const verify = (authorization: string | null) => createTokenVerifier({ jwksFile: jwksFile() })(authorization);
const claims = { agency: 'guangzhou-health-commission', scopes: ['facilities:write', 'officials:write'], regions: ['440100', '440300'] };
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function refusal(authorization: string): Promise<string> {
  const e = await verify(authorization).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AuthenticationError);
  return (e as Error).message;
}

test('the key pair: a private key only its owner reads, a public key set with its RFC 7638 id, the same on every later call', async () => {
  const data = path.join(dir, 'data');
  expect(statSync(path.join(data, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
  const jwks = JSON.parse(readFileSync(jwksFile(), 'utf8'));
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: key.kid });
  expect(jwks.keys[0].d).toBeUndefined(); // public only
  expect(key.created).toBe(true);
  const again = await ensureKeyPair(data);
  expect(again).toMatchObject({ kid: key.kid, created: false });
  expect(other.kid).not.toBe(key.kid);
});

/**
 * Runs ensureKeyPair in its own node process (keys.ts compiled by swc, as jest does), starting at
 * wall-clock time `at` so that the processes' first steps overlap.
 */
function ensureInProcess(dataDir: string, at: number): Promise<{ kid: string; created: boolean }> {
  const script = `
    const Module = require('node:module');
    const file = ${JSON.stringify(path.join(__dirname, '..', 'src', 'keys.ts'))};
    const { code } = require('@swc/core').transformFileSync(file, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
    const m = new Module(file); m.filename = file; m.paths = Module._nodeModulePaths(require('node:path').dirname(file)); m._compile(code, file);
    while (Date.now() < ${at});
    m.exports.ensureKeyPair(${JSON.stringify(dataDir)}).then(({ kid, created }) => process.stdout.write(JSON.stringify({ kid, created })));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..') }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

test('processes racing to create the key pair agree on one key, and exactly one of them created it', async () => {
  const shared = path.join(dir, 'race');
  const at = Date.now() + 1500;
  const results = await Promise.all(Array.from({ length: 4 }, () => ensureInProcess(shared, at)));
  expect(new Set(results.map((r) => r.kid)).size).toBe(1);
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(JSON.parse(readFileSync(path.join(shared, JWKS_FILE), 'utf8')).keys.map((k: { kid: string }) => k.kid)).toEqual([results[0].kid]);
  expect(readdirSync(shared).sort()).toEqual([JWKS_FILE, PRIVATE_KEY_FILE]); // no temporary file left behind
});

test('no token is an anonymous caller; a valid one is the agency with its scopes, regions, id and expiry', async () => {
  expect(await verify(null)).toEqual({ kind: 'anonymous' });
  const token = await signToken(key, { ...claims, expires: '1h' });
  const caller = await verify(`Bearer ${token}`);
  expect(caller).toMatchObject({
    kind: 'agency',
    agency: 'guangzhou-health-commission',
    scopes: ['facilities:write', 'officials:write'],
    regions: ['440100', '440300'],
  });
  if (caller.kind !== 'agency') throw new Error('expected an agency');
  expect(caller.tokenId).toMatch(/^[0-9a-f-]{36}$/);
  expect(Math.abs(caller.expiresAt.getTime() - (Date.now() + 3600_000))).toBeLessThan(5000);
  // The scheme is case-insensitive (RFC 7235).
  expect(await verify(`bearer ${token}`)).toMatchObject({ kind: 'agency' });
});

test('every bad token is refused with a message saying what is wrong', async () => {
  const token = await signToken(key, { ...claims, expires: '1h' });
  expect(await refusal(token)).toMatch(/must be "Bearer <token>"; it holds one word and no scheme/);
  expect(await refusal(`Basic ${Buffer.from('a:b').toString('base64')}`)).toMatch(/"Basic" is not accepted/);
  expect(await refusal('Bearer')).toMatch(/one word and no scheme/);
  expect(await refusal('')).toMatch(/must be "Bearer <token>"/);
  expect(await refusal('Bearer garbage')).toMatch(/not a usable signed JWT/);
  expect(await refusal(`Bearer ${token} extra`)).toMatch(/must be "Bearer <token>"/);

  const expired = await signToken(key, { ...claims, expires: Math.floor(Date.now() / 1000) - 3600 });
  expect(await refusal(`Bearer ${expired}`)).toMatch(/^The token expired at \d{4}-\d\d-\d\dT.*Z\. Get a new one\./);

  // Signed by another key but claiming this key's id: the signature does not verify.
  const forged = await new SignJWT({ scope: 'facilities:write', regions: ['440100'] })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject('guangzhou-health-commission')
    .setExpirationTime('1h')
    .sign(other.privateKey);
  expect(await refusal(`Bearer ${forged}`)).toMatch(/signature does not verify .*signed by another key/);

  // Signed by another key under its own id: no key in the set matches.
  const foreign = await signToken(other, { ...claims, expires: '1h' });
  expect(await refusal(`Bearer ${foreign}`)).toMatch(/No key in this server's key set .* matches the token's "kid"/);

  const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'guangzhou-health-commission', scope: 'facilities:write', exp: inAnHour() })}.`;
  expect(await refusal(`Bearer ${none}`)).toMatch(/signature algorithm is not accepted; this server accepts RS256 or ES256 only/);

  // HS256 keyed with the public key set's own text: the classic algorithm-confusion attack.
  const hs = await new SignJWT({ scope: 'facilities:write', regions: ['440100'] })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject('guangzhou-health-commission')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(readFileSync(jwksFile(), 'utf8')));
  expect(await refusal(`Bearer ${hs}`)).toMatch(/signature algorithm is not accepted/);

  const endless = await new SignJWT({ scope: 'facilities:write' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject('guangzhou-health-commission')
    .sign(key.privateKey);
  expect(await refusal(`Bearer ${endless}`)).toBe('The token has no "exp" claim; this server requires "exp" and "sub".');

  const noSubject = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: key.kid }).setExpirationTime('1h').sign(key.privateKey);
  expect(await refusal(`Bearer ${noSubject}`)).toBe('The token has no "sub" claim; this server requires "exp" and "sub".');

  const oddRegions = await new SignJWT({ regions: '440100' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject('guangzhou-health-commission')
    .setExpirationTime('1h')
    .sign(key.privateKey);
  expect(await refusal(`Bearer ${oddRegions}`)).toMatch(/^The token's "regions" claim is not usable: /);
});

test('a token valid for longer than the longest lifetime (30 days unless configured) is refused, saying by how much', async () => {
  const now = Math.floor(Date.now() / 1000);
  const GET = 'For local use, mint one with `npm run -s token -- --agency <id> --scopes <a,b> --regions <id,id>`.';
  const valid = (days: string) =>
    `The token is valid for ${days} days (from "iat", or from now without one, to "exp"); this server accepts tokens valid for at most 30d (JWT_MAX_LIFETIME). Get a shorter-lived one. ${GET}`;
  // exp in the year 9999, issued now: the probe's token.
  const forever = await signToken(key, { ...claims, expires: 253402300799 });
  expect(await refusal(`Bearer ${forever}`)).toMatch(
    /^The token is valid for 2,9\d\d,\d{3}(\.\d\d?)? days .* at most 30d \(JWT_MAX_LIFETIME\)\./,
  );
  // Exactly 30 days from iat is accepted; a second more is not.
  const signed = (iat: number | null, exp: number) => {
    const jwt = new SignJWT({ regions: ['440100'] })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setSubject('a')
      .setExpirationTime(exp);
    return (iat === null ? jwt : jwt.setIssuedAt(iat)).sign(key.privateKey);
  };
  expect(await verify(`Bearer ${await signed(now, now + 30 * 86400)}`)).toMatchObject({ kind: 'agency' });
  expect(await refusal(`Bearer ${await signed(now, now + 30 * 86400 + 1)}`)).toBe(valid('30.01'));
  // Without iat the lifetime counts from now; an iat in the future counts from now as well.
  expect(await refusal(`Bearer ${await signed(null, now + 31 * 86400)}`)).toBe(valid('31'));
  expect(await refusal(`Bearer ${await signed(now + 300 * 86400, now + 301 * 86400)}`)).toBe(valid('301'));
  // A server configured for a day refuses a two-day token; one configured for a year takes it.
  const twoDays = `Bearer ${await signed(now, now + 2 * 86400)}`;
  await expect(createTokenVerifier({ jwksFile: jwksFile(), maxLifetimeSeconds: 86400 })(twoDays)).rejects.toThrow(
    'The token is valid for 2 days (from "iat", or from now without one, to "exp"); this server accepts tokens valid for at most 1d (JWT_MAX_LIFETIME).',
  );
  expect(await createTokenVerifier({ jwksFile: jwksFile(), maxLifetimeSeconds: 365 * 86400 })(twoDays)).toMatchObject({ kind: 'agency' });
});

test('issuer and audience are checked when configured, and the token command sets them', async () => {
  const config = { jwksFile: jwksFile(), issuer: 'https://id.example.gov.cn', audience: 'health-system-graph' };
  const strict = createTokenVerifier(config);
  const plain = await signToken(key, { ...claims, expires: '1h' });
  await expect(strict(`Bearer ${plain}`)).rejects.toThrow('The token has no "iss" claim; this server requires "exp" and "sub".');
  const wrongIssuer = await signToken(key, { ...claims, expires: '1h' }, { ...config, issuer: 'https://elsewhere.example' });
  await expect(strict(`Bearer ${wrongIssuer}`)).rejects.toThrow(/The token's "iss" claim is not accepted/);
  const right = await signToken(key, { ...claims, expires: '1h' }, config);
  expect(await strict(`Bearer ${right}`)).toMatchObject({ kind: 'agency', agency: 'guangzhou-health-commission' });
});

test('without a key set every token is refused, saying how to get one; a key set created later is used at once', async () => {
  const later = path.join(dir, 'later');
  const verifyLater = createTokenVerifier({ jwksFile: path.join(later, JWKS_FILE) });
  const keyless = createTokenVerifier(null);
  const token = await signToken(key, { ...claims, expires: '1h' });
  await expect(keyless(`Bearer ${token}`)).rejects.toThrow(/configured without a key set/);
  expect(await keyless(null)).toEqual({ kind: 'anonymous' });
  await expect(verifyLater(`Bearer ${token}`)).rejects.toThrow(
    /its key set .*jwks.json does not exist. `npm start` \(or the token command\) creates it/,
  );
  expect(existsSync(later)).toBe(false);
  const created = await ensureKeyPair(later);
  expect(await verifyLater(`Bearer ${await signToken(created, { ...claims, expires: '1h' })}`)).toMatchObject({ kind: 'agency' });
});

test('a key set from a URL (RS256 here), fetched from a loopback server', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' };
  let fetched = 0;
  const server: Server = createServer((req, res) => {
    fetched++;
    if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    const remote = createTokenVerifier({ jwksFile: jwksFile(), jwksUrl: url });
    const token = await new SignJWT({ scope: 'indicators:write', regions: ['440000'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setSubject('gd-health-commission')
      .setExpirationTime('10m')
      .sign(privateKey);
    expect(await remote(`Bearer ${token}`)).toMatchObject({ kind: 'agency', agency: 'gd-health-commission', scopes: ['indicators:write'] });
    expect(await remote(`Bearer ${token}`)).toMatchObject({ kind: 'agency' });
    expect(fetched).toBe(1); // cached between requests
    // The local key is not in the remote set.
    const local = await signToken(key, { ...claims, expires: '1h' });
    await expect(remote(`Bearer ${local}`)).rejects.toThrow(
      new RegExp(`No key in this server's key set \\(${url.replace(/[.]/g, '\\.')}\\)`),
    );
  } finally {
    await new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  }
});

test('a jwks.json an operator extended keeps its keys when the key pair is ensured again', async () => {
  const data = path.join(dir, 'rotation');
  const first = await ensureKeyPair(data);
  const extra = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'next', alg: 'ES256' };
  const file = path.join(data, JWKS_FILE);
  writeFileSync(file, JSON.stringify({ keys: [extra] }));
  await ensureKeyPair(data);
  expect(JSON.parse(readFileSync(file, 'utf8')).keys.map((k: { kid: string }) => k.kid)).toEqual(['next', first.kid]);
});
