import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, SCOPES } from './auth';
import { durationSeconds, formatDuration } from './duration';
import { authEnvironment } from './environment';
import { ensureKeyPair, signToken } from './keys';
import { REPO_ROOT } from './paths';

const USAGE = `Usage: npm run -s token -- --agency <id> --scopes <a,b> --regions <id,id> [--expires 1h]

Prints an agency token signed with the development key pair in the data folder (${'$'}DATA_DIR,
default ./data), creating the pair if it is missing. The graph's servers verify it with that
folder's jwks.json.
  --agency   the agency's id, an Organization id where one exists (guangzhou-health-commission)
  --scopes   comma-separated, from: ${SCOPES.join(', ')}
  --regions  comma-separated region ids the agency may write in (440100 covers its districts)
  --expires  lifetime: <n>s, <n>m, <n>h or <n>d, at most ${formatDuration(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)} (default 1h;
             JWT_MAX_LIFETIME sets the most, for this command and the servers alike)`;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// A 6-digit division code, or a named area's slug; a slug of digits alone is a mistyped code.
const REGION = /^(?:\d{6}|(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*)$/;

class UsageError extends Error {}

const csv = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `maxSeconds` is the longest lifetime the servers accept (JWT_MAX_LIFETIME): a longer token would only be refused. */
function readArgs(argv: string[], maxSeconds: number) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      agency: { type: 'string' },
      scopes: { type: 'string' },
      regions: { type: 'string' },
      expires: { type: 'string', default: '1h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const agency = values.agency ?? '';
  if (!SLUG.test(agency)) throw new UsageError('--agency must be an id in lowercase kebab-case, such as guangzhou-health-commission.');
  const scopes = csv(values.scopes);
  if (!scopes.length) throw new UsageError(`--scopes needs at least one of ${SCOPES.join(', ')}.`);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`Unknown scope ${unknown.join(', ')}; the scopes are ${SCOPES.join(', ')}.`);
  const regions = csv(values.regions);
  if (!regions.length) throw new UsageError('--regions needs at least one region id, such as 440100.');
  const bad = regions.find((r) => !REGION.test(r));
  if (bad) throw new UsageError(`"${bad}" is no region id: use a 6-digit division code (440100) or a named area's id.`);
  const seconds = durationSeconds(values.expires) ?? 0;
  if (seconds < 1 || seconds > maxSeconds)
    throw new UsageError(`--expires must be <n>s, <n>m, <n>h or <n>d, from 1s to ${formatDuration(maxSeconds)} (e.g. 1h).`);
  return { agency, scopes, regions, seconds };
}

/** Whether the seeds name an Organization with this id (a token for another agency is fine, but usually a typo). */
function isKnownOrganization(id: string): boolean {
  try {
    const organizations = JSON.parse(readFileSync(path.join(REPO_ROOT, 'seeds', 'organizations.json'), 'utf8')) as { id: string }[];
    return organizations.some((o) => o.id === id);
  } catch {
    return true; // no seeds to compare with: say nothing
  }
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  let args;
  let config;
  try {
    config = authEnvironment(env);
    args = readArgs(argv, config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
  } catch (e) {
    err.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!args) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const key = await ensureKeyPair(config.dataDir);
  if (key.created) err.write(`Created a signing key pair in ${config.dataDir} (jwks.json holds its public key, id ${key.kid}).\n`);
  if (config.jwksUrl) err.write(`Note: JWKS_URL is set, so the servers verify tokens with ${config.jwksUrl}, not with this local key.\n`);
  if (!isKnownOrganization(args.agency))
    err.write(`Note: no Organization in the seeds has id "${args.agency}"; the token names it anyway.\n`);
  const token = await signToken(key, { ...args, expires: Math.floor(Date.now() / 1000) + args.seconds }, config);
  out.write(`${token}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      console.error(`Could not mint a token: ${e.message}`);
      process.exitCode = 1;
    },
  );
}
