import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTokenVerifier, JWKS_FILE } from '../src';
import { main } from '../src/token-cli';

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'hsg-token-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command as `npm run -s token -- …` would, with DATA_DIR in a temporary folder. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(chunk.toString()), done()) });
  const code = await main(
    args,
    { DATA_DIR: path.join(dir, 'data'), ...env },
    sink((s) => (stdout += s)) as never,
    sink((s) => (stderr += s)) as never,
  );
  return { code, stdout, stderr };
}

test('mints a token the servers accept, creating the key pair on first use', async () => {
  const first = await run([
    '--agency',
    'guangzhou-health-commission',
    '--scopes',
    'facilities:write,indicators:write',
    '--regions',
    '440100,440300',
    '--expires',
    '2h',
  ]);
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(/^Created a signing key pair in .*data \(jwks.json holds its public key, id [\w-]{43}\)\.\n$/);
  expect(first.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  const caller = await createTokenVerifier({ jwksFile: path.join(dir, 'data', JWKS_FILE) })(`Bearer ${first.stdout.trim()}`);
  expect(caller).toMatchObject({
    kind: 'agency',
    agency: 'guangzhou-health-commission',
    scopes: ['facilities:write', 'indicators:write'],
    regions: ['440100', '440300'],
  });
  if (caller.kind !== 'agency') throw new Error('expected an agency');
  expect(Math.abs(caller.expiresAt.getTime() - (Date.now() + 7200_000))).toBeLessThan(5000);

  const second = await run(['--agency', 'shenzhen-statistics-office', '--scopes', 'indicators:write', '--regions', '440300']);
  expect(second.code).toBe(0);
  expect(second.stderr).toBe('Note: no Organization in the seeds has id "shenzhen-statistics-office"; the token names it anyway.\n');
});

test('bad arguments print what is wrong and the usage, and exit 2', async () => {
  const base = ['--agency', 'guangzhou-health-commission', '--scopes', 'facilities:write', '--regions', '440100'];
  const cases: [string[], string][] = [
    [[], '--agency must be an id in lowercase kebab-case'],
    [['--agency', 'Guangzhou Health', '--scopes', 'facilities:write', '--regions', '440100'], '--agency must be an id'],
    [['--agency', 'guangzhou-health-commission', '--regions', '440100'], '--scopes needs at least one of facilities:write'],
    [
      [...base.slice(0, 2), '--scopes', 'facilities:write,admin', '--regions', '440100'],
      'Unknown scope admin; the scopes are facilities:write, indicators:write, officials:write.',
    ],
    [[...base.slice(0, 4)], '--regions needs at least one region id'],
    [[...base.slice(0, 4), '--regions', '4401'], '"4401" is no region id'],
    [[...base, '--expires', 'forever'], '--expires must be <n>s, <n>m, <n>h or <n>d, from 1s to 30d'],
    [[...base, '--expires', '31d'], '--expires must be'],
    [[...base, '--colour', 'red'], "Unknown option '--colour'"],
    [[...base, 'extra'], 'Unexpected argument "extra".'],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await run(args);
    expect({ args, code, stdout }).toEqual({ args, code: 2, stdout: '' });
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: npm run -s token -- --agency <id> --scopes <a,b> --regions <id,id> [--expires 1h]');
  }
  expect((await run(base, { JWKS_URL: 'ftp://keys' })).stderr).toMatch(/JWKS_URL="ftp:\/\/keys": must be an http:\/\/ or https:\/\/ URL/);
});

test('the longest --expires is the servers’ JWT_MAX_LIFETIME: 30d by default, whatever an operator sets', async () => {
  const base = ['--agency', 'guangzhou-health-commission', '--scopes', 'facilities:write', '--regions', '440100'];
  expect((await run([...base, '--expires', '30d'])).code).toBe(0);
  const shorter = await run([...base, '--expires', '8d'], { JWT_MAX_LIFETIME: '7d' });
  expect(shorter.code).toBe(2);
  expect(shorter.stderr).toContain('--expires must be <n>s, <n>m, <n>h or <n>d, from 1s to 7d (e.g. 1h).');
  expect((await run([...base, '--expires', '90d'], { JWT_MAX_LIFETIME: '90d' })).code).toBe(0);
  const bad = await run(base, { JWT_MAX_LIFETIME: 'forever' });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('JWT_MAX_LIFETIME="forever": must be a duration <n>s, <n>m, <n>h or <n>d, from 1m to 365d (e.g. 30d)');
});
