#!/usr/bin/env node
// `npm start`: runs the five subgraphs and the gateway as separate processes, as production
// would, after `turbo run build`, and keeps them up. Each process validates its own environment
// and seeds its own database on first start. Once the graph is ready, a child that exits is
// restarted after a delay that doubles with each quick failure (RESTART_DELAY_MS up to
// RESTART_MAX_DELAY_MS), while the others keep serving; the gateway answers the missing parts
// with typed errors meanwhile. A child that exits with code 2 (bad configuration, damaged
// database: its message says what to fix) is left down, since restarting it cannot help.
// During the first start any failure stops everything, as the operator is watching then.
// The token key pair is created here, before any of them starts, so the six processes never race
// to create it and all verify with the same key set. Ctrl-C / SIGTERM stops them all.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// The subgraph list, default ports and the supervisor's settings live once, in services/core (built before this runs).
const { SUBGRAPHS } = require(path.join(root, 'services', 'core', 'dist', 'manifest.js'));
const { DEFAULT_PORTS: ports, authEnvironment, supervisorEnvironment } = require(
  path.join(root, 'services', 'core', 'dist', 'environment.js'),
);
const { ensureKeyPair } = require(path.join(root, 'services', 'core', 'dist', 'keys.js'));
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
const readinessUrl = (name) =>
  `http://${host}:${name === 'gateway' ? process.env.PORT || ports.gateway : process.env[`${name.toUpperCase()}_PORT`] || ports[name]}/_readiness`;

/** name → { entry, child, delay, restarts, startedAt, timer } */
const services = new Map();
let started = false;
let stopping = false;

const log = (message) => console.error(`[start] ${message}`);

function run(name, entry) {
  const state = services.get(name) ?? { entry, delay: settings.restartDelayMs, restarts: 0 };
  services.set(name, state);
  const child = spawn(process.execPath, [path.join(root, entry)], { stdio: ['ignore', 'inherit', 'inherit'], env: childEnv });
  state.child = child;
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
        () => log(`${name} is back (ready).`),
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
  const port = process.env.PORT || ports.gateway;
  console.log(`\nHealth-system graph ready: http://${host}:${port}/graphql (Ctrl-C to stop)\n`);
})().catch((e) => {
  log(e.message);
  stop(1);
});
