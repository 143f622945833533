#!/usr/bin/env node
// `npm start`: runs the five subgraphs and the gateway as separate processes, as production
// would, after `turbo run build`, and keeps them up. Each process validates its own environment
// and seeds its own database on first start. Once the graph is ready, a child that exits is
// restarted after a delay that doubles with each quick failure (RESTART_DELAY_MS up to
// RESTART_MAX_DELAY_MS), while the others keep serving; the gateway answers the missing parts
// with typed errors meanwhile. A child that exits with code 2 (bad configuration, damaged
// database: its message says what to fix) is left down, since restarting it cannot help.
// During the first start any failure stops everything, as the operator is watching then.
// Liveness is not readiness: once the graph is up, each child's /_health is probed every
// LIVENESS_INTERVAL_MS; a child that fails LIVENESS_FAILURES probes in a row (no answer within
// LIVENESS_TIMEOUT_MS, or 503: a subgraph whose database work is stuck past its deadline) is
// wedged, and is killed (SIGKILL: a graceful stop would wait on the stuck work) to be restarted.
// The token key pair is created here, before any of them starts, so the six processes never race
// to create it and all verify with the same key set. Ctrl-C / SIGTERM stops them all.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// The subgraph list, default ports and the supervisor's settings live once, in packages/core (built before this runs).
const { SUBGRAPHS } = require(path.join(root, 'packages', 'core', 'dist', 'manifest.js'));
const { DEFAULT_PORTS: ports, authEnvironment, supervisorEnvironment } = require(
  path.join(root, 'packages', 'core', 'dist', 'environment.js'),
);
const { ensureKeyPair } = require(path.join(root, 'packages', 'core', 'dist', 'keys.js'));
const subgraphs = SUBGRAPHS.map((s) => s.name);

let settings;
try {
  settings = supervisorEnvironment(process.env);
} catch (e) {
  console.error(`[start] ${e.message}`);
  process.exit(2);
}

// A person at a terminal reads the logs; a pipe or a log collector gets JSON lines.
const childEnv = process.stdout.isTTY && !process.env.LOG_FORMAT ? { ...process.env, LOG_FORMAT: 'pretty' } : process.env;

const host = process.env.HOST || '127.0.0.1';
const baseUrl = (name) =>
  `http://${host}:${name === 'gateway' ? process.env.PORT || ports.gateway : process.env[`${name.toUpperCase()}_PORT`] || ports[name]}`;
const readinessUrl = (name) => `${baseUrl(name)}/_readiness`;

/** name → { entry, child, delay, restarts, startedAt, timer, ready, failures, probing } (the last three: liveness) */
const services = new Map();
let started = false;
let stopping = false;

const log = (message) => console.error(`[start] ${message}`);

function run(name, entry) {
  const state = services.get(name) ?? { entry, delay: settings.restartDelayMs, restarts: 0 };
  services.set(name, state);
  const child = spawn(process.execPath, [path.join(root, entry)], { stdio: ['ignore', 'inherit', 'inherit'], env: childEnv });
  state.child = child;
  state.ready = false;
  state.failures = 0;
  state.startedAt = Date.now();
  log(`${name} started (pid ${child.pid})`);
  child.on('exit', (code, signal) => {
    state.child = undefined;
    const how = signal ?? `code ${code}`;
    if (stopping) {
      if ([...services.values()].every((s) => !s.child)) process.exit(process.exitCode ?? 0);
      return;
    }
    if (!started) {
      log(`${name} exited during the first start (${how}); stopping the others.`);
      return stop(code || 1);
    }
    if (code === 2) {
      log(
        `${name} exited with code 2: its configuration or data needs fixing (see its message above). Not restarting it; the others keep serving.`,
      );
      return;
    }
    // A child that ran for a while before failing starts the backoff over.
    if (Date.now() - state.startedAt > settings.restartMaxDelayMs) state.delay = settings.restartDelayMs;
    const delay = state.delay;
    state.delay = Math.min(delay * 2, settings.restartMaxDelayMs);
    state.restarts += 1;
    log(`${name} exited (${how}); restarting it in ${delay} ms (restart ${state.restarts}). The others keep serving.`);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (stopping) return;
      run(name, entry);
      waitReady(readinessUrl(name), name).then(
        () => {
          state.ready = true;
          log(`${name} is back (ready).`);
        },
        (e) => log(e.message),
      );
    }, delay);
  });
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const s of services.values()) if (s.timer) clearTimeout(s.timer);
  const running = [...services.values()].filter((s) => s.child);
  if (running.length === 0) process.exit(code);
  for (const s of running) s.child.kill('SIGTERM');
  setTimeout(() => {
    for (const s of services.values()) s.child?.kill('SIGKILL');
    process.exit(code || 1);
  }, 10000).unref();
}

/** One liveness probe: null when the child answers 200, else what was wrong. */
async function probe(name) {
  try {
    const res = await fetch(`${baseUrl(name)}/_health`, { signal: AbortSignal.timeout(settings.livenessTimeoutMs) });
    const body = await res.text();
    return res.ok ? null : `/_health answered ${res.status} ${body.slice(0, 200)}`;
  } catch (e) {
    return `/_health did not answer within ${settings.livenessTimeoutMs} ms (${e.name === 'TimeoutError' ? 'timeout' : e.message})`;
  }
}

/** Probes every running child's liveness and kills one that failed too many probes in a row. */
function watchLiveness() {
  const timer = setInterval(async () => {
    await Promise.all(
      [...services].map(async ([name, state]) => {
        // A child still starting (or restarting) is judged by readiness, not by this.
        if (!state.child || state.probing || !state.ready) return;
        state.probing = true;
        const failure = await probe(name);
        state.probing = false;
        if (!failure || stopping || !state.child) {
          state.failures = 0;
          return;
        }
        state.failures = (state.failures ?? 0) + 1;
        if (state.failures < settings.livenessFailures) return;
        state.failures = 0;
        log(`${name} is wedged: ${failure} (${settings.livenessFailures} probes in a row); killing it (SIGKILL) to restart it.`);
        state.child.kill('SIGKILL');
      }),
    );
  }, settings.livenessIntervalMs);
  timer.unref();
}

async function waitReady(url, name) {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!stopping) throw new Error(`${name} did not become ready at ${url}`);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

(async () => {
  const auth = authEnvironment(process.env);
  if (!auth.jwksUrl) {
    const key = await ensureKeyPair(auth.dataDir);
    if (key.created) log(`created the token signing key pair in ${auth.dataDir} (npm run -s token mints tokens with it)`);
  }
  for (const { name, dir } of SUBGRAPHS) run(name, `${dir}/dist/index.js`);
  for (const name of subgraphs) await waitReady(readinessUrl(name), name);
  if (stopping) return;
  run('gateway', 'gateway/dist/index.js');
  await waitReady(readinessUrl('gateway'), 'gateway');
  if (stopping) return;
  started = true;
  for (const state of services.values()) state.ready = true;
  watchLiveness();
  const port = process.env.PORT || ports.gateway;
  console.log(`\nHealth-system graph ready: http://${host}:${port}/graphql (Ctrl-C to stop)\n`);
})().catch((e) => {
  log(e.message);
  stop(1);
});
