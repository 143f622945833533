import { REPO_ROOT, SUBGRAPH_NAMES, type GraphQLResponse } from '@hsg/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from './ports';

/**
 * `npm start`'s supervisor (scripts/start.js) over the built processes: under load, a subgraph is
 * killed with SIGKILL; the gateway keeps serving the other subgraphs' data with a typed error for
 * the missing part, the supervisor restarts the dead process, and the graph recovers in full.
 * A subgraph that stops answering its liveness probe (frozen with SIGSTOP, as a process wedged
 * in native code would be) is killed and restarted. SIGTERM then stops every process.
 */

let dir: string;
let supervisor: ChildProcess;
let output = '';
let gatewayUrl: string;

const waitFor = async (what: RegExp, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!what.test(output)) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return what.exec(output)!;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-supervisor-'));
  // The response cache is off: the test watches a killed subgraph's part go missing, which a warm cache would answer.
  // The anonymous rate limit is off: eight clients in a loop from one address pass 1,200 requests a minute on a fast
  // machine, and this test watches supervision, not the limit (rate-limit.e2e does).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    RESTART_DELAY_MS: '500',
    RESPONSE_CACHE: 'off',
    RATE_LIMIT_ANONYMOUS: '0',
    // Quicker than the defaults (every 2 s, 2 s to answer, 3 failures), still far above a loaded machine's answer time.
    LIVENESS_INTERVAL_MS: '500',
    LIVENESS_TIMEOUT_MS: '1000',
  };
  env.PORT = String(await freePort());
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
  gatewayUrl = `http://127.0.0.1:${env.PORT}/graphql`;
  supervisor = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  supervisor.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  supervisor.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await waitFor(/Health-system graph ready/, 90_000);
}, 120_000);

afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) {
    supervisor.kill('SIGTERM');
    await new Promise((r) => supervisor.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

const QUERY = '{ r: region(id: "440100") { name } o: organizations(first: 2) { totalCount } }';

/** Each process's pid, the latest start's where one was restarted. */
const pidsOf = () => Object.fromEntries([...output.matchAll(/\[start\] (\w+) started \(pid (\d+)\)/g)].map((m) => [m[1], Number(m[2])]));

test('a subgraph that stops answering its liveness probe is killed and restarted, and answers again', async () => {
  const frozen = pidsOf().facilities;
  process.kill(frozen, 'SIGSTOP');
  await waitFor(
    /\[start\] facilities is wedged: \/_health did not answer within 1000 ms \(timeout\) \(3 probes in a row\); killing it \(SIGKILL\) to restart it\./,
    15_000,
  );
  await waitFor(/\[start\] facilities exited \(SIGKILL\); restarting it in 500 ms \(restart 1\)\. The others keep serving\./, 5000);
  await waitFor(/\[start\] facilities is back \(ready\)\./, 30_000);
  expect(pidsOf().facilities).not.toBe(frozen);
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ facility(id: "gmu-first-affiliated-hospital") { name } }' }),
  });
  expect(((await res.json()) as GraphQLResponse).data).toEqual({ facility: { name: '广州医科大学附属第一医院' } });
}, 60_000);

test('a subgraph killed under load is restarted while the others keep serving; SIGTERM stops all', async () => {
  const pids = pidsOf();
  expect(Object.keys(pids).sort()).toEqual([...SUBGRAPH_NAMES, 'gateway'].sort());

  const answers: { at: number; status: number; body: GraphQLResponse }[] = [];
  let loading = true;
  const load = async () => {
    while (loading) {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
      answers.push({ at: Date.now(), status: res.status, body: (await res.json()) as GraphQLResponse });
    }
  };
  const loaders = Array.from({ length: 8 }, load);
  await new Promise((r) => setTimeout(r, 500));
  process.kill(pids.officials, 'SIGKILL');
  await waitFor(/\[start\] officials exited \(SIGKILL\); restarting it in 500 ms \(restart 1\)\. The others keep serving\./, 10_000);
  await waitFor(/\[start\] officials is back \(ready\)\./, 30_000);
  const recoveredAt = Date.now();
  await new Promise((r) => setTimeout(r, 500));
  loading = false;
  await Promise.all(loaders);

  expect(answers.length).toBeGreaterThan(20);
  for (const a of answers) {
    expect(a.status).toBe(200);
    expect(a.body.data?.r).toEqual({ name: '广州市' });
  }
  const degraded = answers.filter((a) => a.body.errors);
  expect(degraded.length).toBeGreaterThan(0);
  for (const a of degraded) {
    expect(a.body.data?.o).toBeNull();
    expect(a.body.errors).toEqual([
      expect.objectContaining({
        path: ['o'],
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'officials' }),
      }),
    ]);
  }
  const after = answers.filter((a) => a.at > recoveredAt + 100);
  expect(after.length).toBeGreaterThan(0);
  for (const a of after) expect(a.body).toMatchObject({ data: { r: { name: '广州市' }, o: { totalCount: 27 } } });

  const newPid = Number([...output.matchAll(/\[start\] officials started \(pid (\d+)\)/g)].at(-1)![1]);
  expect(newPid).not.toBe(pids.officials);

  supervisor.kill('SIGTERM');
  const code = await new Promise((r) => supervisor.once('exit', (c) => r(c)));
  expect(code).toBe(0);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const pid of [...Object.values(pids), newPid]) expect(alive(pid)).toBe(false);
}, 90_000);
