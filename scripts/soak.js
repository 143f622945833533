#!/usr/bin/env node
// `npm run soak`: the graph under sustained load, as `npm start` runs it (six processes, seeded
// SQLite files in a temporary folder, free loopback ports). autocannon drives 50 connections for
// SOAK_DURATION_S seconds (default 60) over every query in examples/, and prints requests/s,
// p50/p99 latency and errors; then the same again while one more connection, the attacker, sends
// the most expensive payload found that demand control still accepts. Timings live here, never
// in tests.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { cpus, tmpdir } = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');

const root = path.resolve(__dirname, '..');
const { SUBGRAPH_NAMES } = require(path.join(root, 'packages', 'core', 'dist', 'manifest.js'));
const DURATION = Number(process.env.SOAK_DURATION_S || 60);
const CONNECTIONS = 50;

/**
 * The worst still-accepted payload found by probing: every division of Guangdong with up to 60 of
 * its subtree's facilities and their regions. Estimated 18,306 of the 20,000 budget; ~250 ms of
 * subgraph work per request, against a few ms for most examples.
 */
const ATTACK =
  '{ region(id: "440000") { descendants(first: 100) { nodes { name facilities(first: 60) { nodes { name region { name } } } } } } }';

// The read examples: the mutation example writes (and needs a token), which is not what a read load measures.
const examples = readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => readFileSync(path.join(root, 'examples', f), 'utf8'))
  .filter((query) => !/^\s*mutation\b/m.test(query))
  .map((query) => JSON.stringify({ query }));

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startGraph(dataDir) {
  // Every connection comes from this one address: the per-address rate limit would answer most of
  // them with 429s, so it is off here — the soak measures what the graph can serve.
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    PORT: String(await freePort()),
    RATE_LIMIT_ANONYMOUS: process.env.RATE_LIMIT_ANONYMOUS ?? '0',
  };
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => (log += c));
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('Health-system graph ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with code ${code}:\n${log}`)));
  });
  return { url: `http://127.0.0.1:${env.PORT}/graphql`, child };
}

/** Runs autocannon; counts GraphQL errors in 200 responses too, not only HTTP failures. */
function run(url, bodies, connections, duration = DURATION) {
  const counts = { graphqlErrors: 0 };
  const instance = autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: bodies.map((body) => ({
      body,
      onResponse: (status, responseBody) => {
        if (status === 200 && responseBody.includes('"errors"')) counts.graphqlErrors++;
      },
    })),
  });
  return new Promise((resolve, reject) => {
    instance.on('done', (result) => resolve({ result, counts }));
    instance.on('error', reject);
  });
}

function row(label, { result, counts }) {
  const errors = result.errors + result.timeouts + result.non2xx + counts.graphqlErrors;
  return (
    label.padEnd(34) +
    result.requests.average.toFixed(0).padStart(8) +
    String(result.latency.p50).padStart(8) +
    String(result.latency.p99).padStart(8) +
    String(result.requests.total).padStart(9) +
    String(errors).padStart(8)
  );
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hsg-soak-'));
  const graph = await startGraph(dataDir);
  try {
    console.log(
      `node ${process.version}, ${cpus().length} cores; ${CONNECTIONS} connections for ${DURATION} s over the ${examples.length} queries in examples/\n`,
    );
    const header =
      'run'.padEnd(34) + 'req/s'.padStart(8) + 'p50 ms'.padStart(8) + 'p99 ms'.padStart(8) + 'requests'.padStart(9) + 'errors'.padStart(8);
    // Warm-up, not reported: query plans, statement caches, JIT, connections.
    await run(graph.url, examples, CONNECTIONS, Math.min(10, DURATION));
    const baseline = await run(graph.url, examples, CONNECTIONS);
    const [underAttack, attacker] = await Promise.all([
      run(graph.url, examples, CONNECTIONS),
      run(graph.url, [JSON.stringify({ query: ATTACK })], 1),
    ]);
    console.log(header);
    console.log(row('examples', baseline));
    console.log(row('examples, with 1 attacker', underAttack));
    console.log(row('  the attacker itself', attacker));
  } finally {
    graph.child.kill('SIGTERM');
    await new Promise((r) => graph.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exitCode = 1;
});
