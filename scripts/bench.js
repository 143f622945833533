#!/usr/bin/env node
// `npm run bench`: the graph held against its floor in one run. Starts the five built subgraphs
// and two gateways (response cache off, and on) as separate processes, as `npm start` does, over
// SQLite files seeded in a temporary folder, and the floor (scripts/bench/floor.js: the same
// answers from one graphql-js + DataLoader process over the same files). After checking once that
// the floor answers exactly what the gateway answers, it measures each query through each variant
// one client at a time and with autocannon at 8 and 50 connections, the variants interleaved
// within each round, and prints medians over the rounds: latency, requests/s, and the gateway's
// and the subgraphs' CPU per request (from /proc); then the research mix (researchMix below).
// Timings live here, never in tests.
// BENCH_SECONDS (per measurement, default 2), BENCH_ROUNDS (default 2). Then the growth table
// (bench-growth.js): fixed-size answers over 1×, 10× and 100× the seeds.
// `npm run -s bench -- growth [scales…]` runs only the growth table (e.g. `-- growth 1 10`);
// `npm run -s bench -- graph` only the graph against its floor; `-- mix` only the research mix;
// `npm run -s bench -- profile
// [query] [clients] [seconds]` where its CPU goes (scripts/bench/profile.js).
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync } = require('node:fs');
const { Agent, request } = require('node:http');
const { tmpdir, cpus } = require('node:os');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { performance } = require('node:perf_hooks');
const autocannon = require('autocannon');
const { growth } = require('./bench-growth');
const { freePort, startGraph } = require('./bench/processes');

const root = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS || 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const CONNECTIONS = [1, 8, 50];
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

const example = (file) => readFileSync(path.join(root, 'examples', file), 'utf8');
const queries = [
  { name: 'headline', body: { query: example('headline.graphql') } },
  { name: 'national-centre-hosts', body: { query: example('national-centre-hosts.graphql') } },
  { name: 'guangzhou-districts', body: { query: example('guangzhou-districts.graphql') } },
  { name: 'city-health-authority-heads', body: { query: example('city-health-authority-heads.graphql') } },
  { name: 'district-projects-by-status', body: { query: example('district-projects-by-status.graphql') } },
];

/** Milliseconds of CPU (user + system) the processes have used so far. */
const cpuMs = (procs) =>
  procs.reduce((sum, p) => {
    const fields = readFileSync(`/proc/${p.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return sum + (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  }, 0);

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(port, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One client, one request at a time, for SECONDS: exact latencies. */
async function sequential(port, body) {
  const times = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    const res = await post(port, body);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { requests: times.length, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), rps: times.length / SECONDS };
}

async function loaded(port, body, connections) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections,
    duration: SECONDS,
  });
  if (result.non2xx || result.errors) throw new Error(`autocannon saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  const l = result.latency;
  return { requests: result.requests.total, p50: l.p50, p95: l.p97_5 ?? l.p95, p99: l.p99, rps: result.requests.total / SECONDS };
}

/** The research questions the tests keep (tests/fixtures/research-corpus/): ad-hoc queries, none registered. */
const CORPUS_DIR = path.join(root, 'tests', 'fixtures', 'research-corpus');
const corpus = () =>
  readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(CORPUS_DIR, f), 'utf8'));

/**
 * The research mix: the corpus's questions in turn from 8 clients through the gateway with the
 * response cache on. "as written" repeats the 44 texts (after the first round, answers come from
 * the cache); "each one new" names each request's operation apart (`query R123 {`), so every
 * document is new to the gateway: parsed, validated, estimated, planned and sent to the subgraphs,
 * as a researcher's next question is.
 */
async function researchMix(gateway, subgraphs) {
  const { port } = gateway;
  const questions = corpus();
  for (const query of questions) {
    const res = JSON.parse((await post(port, { query })).text);
    if (res.errors) throw new Error(`a research question failed: ${JSON.stringify(res.errors).slice(0, 300)}`);
  }
  let n = 0;
  const next = (distinct) => {
    const query = questions[n % questions.length];
    n++;
    return JSON.stringify({ query: distinct ? query.replace(/\bquery\s*\{/, `query R${n} {`) : query });
  };
  const rows = [];
  for (const [name, distinct] of [
    ['as written', false],
    ['each one new', true],
  ]) {
    const gwBefore = cpuMs([gateway.proc]);
    const subBefore = cpuMs(subgraphs);
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: 8,
      duration: SECONDS * ROUNDS,
      requests: [{ setupRequest: (req) => ({ ...req, body: next(distinct) }) }],
    });
    if (result.non2xx || result.errors) throw new Error(`research mix: ${result.non2xx} non-2xx and ${result.errors} errors`);
    const n = result.requests.total;
    rows.push([
      name,
      n / (SECONDS * ROUNDS),
      result.latency.p50,
      result.latency.p99,
      (cpuMs([gateway.proc]) - gwBefore) / n,
      (cpuMs(subgraphs) - subBefore) / n,
    ]);
  }
  console.log(
    `\nresearch mix: the ${questions.length} questions of tests/fixtures/research-corpus in turn, 8 clients, response cache ${gateway.cache}`,
  );
  const widths = [8, 8, 8, 14, 21];
  const head = ['req/s', 'p50 ms', 'p99 ms', 'gw CPU ms/req', 'subgraphs CPU ms/req'];
  console.log('  ' + 'documents'.padEnd(22) + head.map((c, i) => c.padStart(widths[i])).join(''));
  for (const [name, rps, p50, p99, gw, sub] of rows) {
    const cells = [rps.toFixed(0), p50.toFixed(2), p99.toFixed(2), gw.toFixed(2), sub.toFixed(2)];
    console.log('  ' + name.padEnd(22) + cells.map((c, i) => c.padStart(widths[i])).join(''));
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hsg-bench-'));
  const graph = await startGraph(dataDir);
  try {
    const { subgraphs } = graph;
    const variants = graph.gateways.map((g) => ({
      name: g.cache === 'off' ? 'gateway, cache off' : 'gateway, cache warm',
      port: g.port,
      proc: g.proc,
      cache: g.cache,
    }));
    const floorPort = await freePort();
    variants.push({
      name: 'floor (1 process)',
      port: floorPort,
      proc: graph.start('floor', 'scripts/bench/floor.js', { DATA_DIR: dataDir, PORT: String(floorPort) }),
    });
    await new Promise((r) => setTimeout(r, 300)); // the floor's listen

    // The floor only counts if it computes the same answers.
    for (const q of queries) {
      const [gateway, floor] = await Promise.all([post(variants[0].port, q.body), post(floorPort, q.body)]);
      const g = JSON.parse(gateway.text);
      if (gateway.status !== 200 || g.errors) throw new Error(`${q.name}: the gateway answered ${gateway.text.slice(0, 300)}`);
      if (!isDeepStrictEqual(g.data, JSON.parse(floor.text).data))
        throw new Error(`${q.name}: the floor's answer differs from the gateway's:\n${floor.text.slice(0, 500)}`);
    }
    const warm = await post(variants[1].port, queries[0].body).then(() => post(variants[1].port, queries[0].body));
    const cacheSeen = warm.headers['x-cache'] === 'hit';
    console.log(
      `node ${process.version}, ${cpus().length} cores; ${ROUNDS} rounds of ${SECONDS} s per measurement, variants interleaved; ` +
        `answers of the floor equal the gateway's for all ${queries.length} queries` +
        (cacheSeen ? '' : '; NOTE: this gateway has no response cache, "cache warm" is the same code as "cache off"'),
    );

    const results = new Map(); // query|variant|connections → [measurement per round]
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of queries) {
        for (const connections of CONNECTIONS) {
          const order = round % 2 ? [...variants].reverse() : variants;
          for (const v of order) {
            for (let i = 0; i < 20; i++) await post(v.port, q.body); // warm-up: plans, statement caches, the response cache
            const gwBefore = v.cache ? cpuMs([v.proc]) : 0;
            const subBefore = cpuMs(v.cache ? subgraphs : [v.proc]);
            const m = connections === 1 ? await sequential(v.port, q.body) : await loaded(v.port, q.body, connections);
            m.gatewayCpu = v.cache ? (cpuMs([v.proc]) - gwBefore) / m.requests : NaN;
            m.backendCpu = (cpuMs(v.cache ? subgraphs : [v.proc]) - subBefore) / m.requests;
            const key = `${q.name}|${v.name}|${connections}`;
            results.set(key, [...(results.get(key) ?? []), m]);
          }
        }
      }
    }

    const cols = ['clients', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'gw CPU ms/req', 'subgraphs CPU ms/req', 'p50 ÷ floor'];
    const widths = [8, 8, 8, 8, 8, 14, 21, 12];
    for (const q of queries) {
      console.log(`\n${q.name}`);
      console.log('  ' + 'variant'.padEnd(22) + cols.map((c, i) => c.padStart(widths[i])).join(''));
      for (const v of variants) {
        for (const connections of CONNECTIONS) {
          const ms = results.get(`${q.name}|${v.name}|${connections}`);
          const floor = results.get(`${q.name}|floor (1 process)|${connections}`);
          const m = (f) => median(ms.map(f));
          const ratio = m((x) => x.p50) / median(floor.map((x) => x.p50));
          const cells = [
            String(connections),
            m((x) => x.p50).toFixed(2),
            m((x) => x.p95).toFixed(2),
            m((x) => x.p99).toFixed(2),
            m((x) => x.rps).toFixed(0),
            v.cache ? m((x) => x.gatewayCpu).toFixed(2) : '—',
            v.cache ? m((x) => x.backendCpu).toFixed(2) : `${m((x) => x.backendCpu).toFixed(2)} (floor)`,
            ratio.toFixed(2) + '×',
          ];
          console.log('  ' + v.name.padEnd(22) + cells.map((c, i) => c.padStart(widths[i])).join(''));
        }
      }
    }
    console.log("\np95 at 8 and 50 clients is autocannon's p97.5; at 1 client every latency is measured exactly.");
    await researchMix(
      variants.find((v) => v.cache === 'on'),
      subgraphs,
    );
  } finally {
    await graph.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm run -s bench -- mix [off]`: the research mix alone, against a gateway with the response
 * cache on (or off: "as written" then measures executing known documents, without the cache).
 */
async function mixOnly(cache = 'on') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hsg-bench-'));
  const graph = await startGraph(dataDir, { caches: [cache] });
  try {
    await researchMix(graph.gateways[0], graph.subgraphs);
  } finally {
    await graph.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run() {
  const [mode, ...scales] = process.argv.slice(2);
  if (mode === 'profile') return require('./bench/profile').main();
  if (mode === 'mix') return mixOnly(scales[0]);
  if (mode !== 'growth') await main();
  if (mode !== 'graph') await growth(scales.length ? scales.map(Number) : undefined);
}

run().catch((e) => {
  console.error(`[bench] ${e.message}`);
  process.exitCode = 1;
});
