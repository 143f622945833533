#!/usr/bin/env node
// One process of the growth benchmark (scripts/bench-growth.js): a subgraph or the gateway, started
// as the tests start them (in-memory SQLite unless DATABASE_URL is given), so each has its own RSS
// and statement counter. Talks to the benchmark over IPC: "stats" → { statements, rss }, "stop".
// The search subgraph gets no peers: its change-feed follower then sends nothing, and the owners'
// statement counts hold only what the measured requests cost.
'use strict';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const spec = JSON.parse(process.env.BENCH_PROCESS);

async function main() {
  let server;
  let counter = null;
  if (spec.kind === 'gateway') {
    const { startGateway } = require(path.join(root, 'gateway', 'dist', 'server.js'));
    server = await startGateway({ port: 0, subgraphUrls: spec.subgraphUrls });
  } else {
    const { startSubgraph } = require(path.join(root, 'packages', 'framework', 'dist', 'index.js'));
    const { subgraph } = require(path.join(root, spec.dir, 'dist', 'subgraph.js'));
    const started = process.hrtime.bigint();
    server = await startSubgraph(subgraph, {
      dataDir: ':memory:',
      databaseUrl: spec.databaseUrl,
      seedsDir: spec.seedsDir,
      port: 0,
    });
    spec.seedMs = Number(process.hrtime.bigint() - started) / 1e6;
    counter = server.counter;
  }
  process.on('message', async (message) => {
    if (message === 'stats') process.send({ statements: counter?.count ?? 0, rss: process.memoryUsage().rss });
    if (message === 'stop') {
      await server.stop();
      process.exit(0);
    }
  });
  process.send({ ready: true, url: server.url, seedMs: spec.seedMs ?? 0 });
}

main().catch((e) => {
  process.send?.({ error: e.stack ?? String(e) });
  process.exit(1);
});
