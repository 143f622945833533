#!/usr/bin/env node
// `npm run bench`: latency and throughput of the gateway over the real seeds. Starts the five
// built subgraphs (in-memory SQLite) and the gateway on free loopback ports in this process, then
// for each scenario sends requests one at a time (latency) and 8 at a time (throughput).
// Timings live here, never in tests.
'use strict';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '..');
const SEQUENTIAL = Number(process.env.BENCH_REQUESTS || 200);
const CONCURRENCY = 8;

const example = (file) => readFileSync(path.join(root, 'examples', file), 'utf8');
const scenarios = [
  { name: 'headline query (regions → facilities)', path: '/graphql', body: { query: example('headline.graphql') } },
  { name: 'search "nansha"', path: '/graphql', body: { query: example('search.graphql'), variables: { text: 'nansha' } } },
  { name: 'city health-authority heads (21 cities)', path: '/graphql', body: { query: example('city-health-authority-heads.graphql') } },
  { name: '13th-FYP missed targets (attainment)', path: '/graphql', body: { query: example('gz-13th-fyp-missed-targets.graphql') } },
  { name: 'CSV export of the headline query', path: '/export?format=csv', body: { query: example('headline.graphql') } },
  // Over all 44,706 regions: the indexed filters, a name scan, a lookup, a township in the search index.
  {
    name: 'regions: townships of a district',
    path: '/graphql',
    body: { query: '{ regions(filter: { level: TOWNSHIP, parentId: "440115" }, first: 100) { totalCount nodes { id name } } }' },
  },
  {
    name: 'regions(filter: { search: "nansha" })',
    path: '/graphql',
    body: { query: '{ regions(filter: { search: "nansha" }, first: 20) { totalCount nodes { id name } } }' },
  },
  { name: 'region(name: "广州")', path: '/graphql', body: { query: '{ region(name: "广州") { id name } }' } },
  { name: 'search "白云湖" (a township)', path: '/graphql', body: { query: example('search.graphql'), variables: { text: '白云湖' } } },
];

async function send(origin, scenario) {
  const res = await fetch(origin + scenario.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(scenario.body),
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${scenario.name}: HTTP ${res.status} ${text.slice(0, 200)}`);
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const seedsDir = path.join(root, 'seeds');
  const options = { dataDir: ':memory:', seedsDir, port: 0 };
  const { SUBGRAPHS, startSubgraph } = require(path.join(root, 'services', 'common', 'dist', 'index.js'));
  const names = SUBGRAPHS.map((s) => s.name);
  const started = performance.now();
  const subgraphs = await Promise.all(
    SUBGRAPHS.map((s) => startSubgraph(require(path.join(root, s.dir, 'dist', 'server.js')).subgraph, options)),
  );
  const startMs = performance.now() - started;
  const { startGateway } = require(path.join(root, 'gateway', 'dist', 'server.js'));
  const gateway = await startGateway({ port: 0, subgraphUrls: Object.fromEntries(names.map((n, i) => [n, subgraphs[i].url])) });
  const origin = gateway.url.replace(/\/graphql$/, '');
  console.log(
    `node ${process.version}, ${require('node:os').cpus().length} cores; ${SEQUENTIAL} sequential requests, then ${SEQUENTIAL} at concurrency ${CONCURRENCY}`,
  );
  // Every test stack pays this: the five subgraphs seeded from seeds/ into in-memory SQLite.
  console.log(`start: ${SUBGRAPHS.length} subgraphs seeded and listening in ${startMs.toFixed(0)} ms\n`);
  console.log('scenario'.padEnd(42) + 'p50 ms'.padStart(8) + 'p95 ms'.padStart(8) + 'max ms'.padStart(8) + 'req/s @8'.padStart(10));
  try {
    for (const scenario of scenarios) {
      for (let i = 0; i < 20; i++) await send(origin, scenario); // warm-up: query plans, statement caches
      const times = [];
      for (let i = 0; i < SEQUENTIAL; i++) {
        const t = performance.now();
        await send(origin, scenario);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < SEQUENTIAL) await send(origin, scenario);
        }),
      );
      const rps = SEQUENTIAL / ((performance.now() - t0) / 1000);
      console.log(
        scenario.name.padEnd(42) +
          pct(times, 50).toFixed(1).padStart(8) +
          pct(times, 95).toFixed(1).padStart(8) +
          times[times.length - 1].toFixed(1).padStart(8) +
          rps.toFixed(0).padStart(10),
      );
    }
  } finally {
    await gateway.stop();
    for (const s of subgraphs) await s.stop();
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exitCode = 1;
});
