#!/usr/bin/env node
// `npm start`: runs the five subgraphs and the gateway as separate processes, as production
// would, after `turbo run build`. Each process validates its own environment and seeds its own
// database on first start. The token key pair is created here, before any of them starts, so the
// six processes never race to create it and all verify with the same key set. Ctrl-C / SIGTERM
// stops them all.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// The subgraph list and default ports live once, in the manifest of services/core (built before this runs).
const { SUBGRAPHS } = require(path.join(root, 'services', 'core', 'dist', 'manifest.js'));
const { DEFAULT_PORTS: ports, authEnvironment } = require(path.join(root, 'services', 'core', 'dist', 'environment.js'));
const { ensureKeyPair } = require(path.join(root, 'services', 'core', 'dist', 'keys.js'));
const subgraphs = SUBGRAPHS.map((s) => s.name);

const children = new Map();
let stopping = false;

function run(name, entry) {
  const child = spawn(process.execPath, [path.join(root, entry)], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? `code ${code}`}); stopping the others.`);
      stop(code || 1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.size === 0) process.exit(code);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 10000).unref();
}

async function waitReady(url, name) {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return;
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
  const host = process.env.HOST || '127.0.0.1';
  const auth = authEnvironment(process.env);
  if (!auth.jwksUrl) {
    const key = await ensureKeyPair(auth.dataDir);
    if (key.created) console.log(`[start] created the token signing key pair in ${auth.dataDir} (npm run -s token mints tokens with it)`);
  }
  for (const { name, dir } of SUBGRAPHS) run(name, `${dir}/dist/index.js`);
  for (const name of subgraphs) {
    const port = process.env[`${name.toUpperCase()}_PORT`] || ports[name];
    await waitReady(`http://${host}:${port}/_readiness`, name);
  }
  if (stopping) return;
  run('gateway', 'gateway/dist/index.js');
  const port = process.env.PORT || ports.gateway;
  await waitReady(`http://${host}:${port}/_readiness`, 'gateway');
  if (!stopping) console.log(`\nHealth-system graph ready: http://${host}:${port}/graphql (Ctrl-C to stop)\n`);
})().catch((e) => {
  console.error(`[start] ${e.message}`);
  stop(1);
});
