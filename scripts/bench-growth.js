// The growth table of `npm run bench`: queries whose answer has a fixed size, over the real seeds
// and synthetic folders 10 and 100 times their size (scripts/synth.js). Each subgraph and the
// gateway run as their own process (scripts/bench-process.js): p50 through the gateway, SQL
// statements per request (summed over the subgraphs) and each process's RSS after the run. On
// PostgreSQL when DATABASE_URL is set (each scale re-seeds the schemas), else in-memory SQLite.
// The target: p50 at 100× within 1.5× of 1×, and the same statements per request at every scale.
'use strict';
const { fork, execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '..');
const REQUESTS = 100;
const example = (file) => readFileSync(path.join(root, 'examples', file), 'utf8');

const QUERIES = [
  {
    name: 'region 440100 projects(first:10)',
    query: '{ region(id: "440100") { projects(first: 10) { totalCount nodes { name facility { name } } } } }',
  },
  {
    name: 'projects(search:"医院", first:10)',
    query: '{ projects(filter: { search: "医院" }, first: 10) { totalCount nodes { id name } } }',
  },
  { name: 'search(text:"nansha", first:10)', query: example('search.graphql'), variables: { text: 'nansha', first: 10 } },
  { name: '13th-FYP missed targets', query: example('gz-13th-fyp-missed-targets.graphql') },
];

function start(spec) {
  const child = fork(path.join(__dirname, 'bench-process.js'), [], { env: { ...process.env, BENCH_PROCESS: JSON.stringify(spec) } });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => (m.error ? reject(new Error(`${spec.name}: ${m.error}`)) : resolve({ child, name: spec.name, ...m })));
    child.once('exit', (code) => reject(new Error(`${spec.name} exited with code ${code}`)));
  });
}

const ask = (p, message) =>
  new Promise((resolve) => {
    p.child.once('message', resolve);
    p.child.send(message);
  });

async function stopAll(processes) {
  await Promise.all(
    processes.map(
      (p) =>
        new Promise((resolve) => {
          p.child.once('exit', resolve);
          p.child.send('stop');
        }),
    ),
  );
}

async function send(url, q) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q.query, variables: q.variables }),
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${q.name}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text;
}

async function measureScale(scale, databaseUrl) {
  const dir = mkdtempSync(path.join(tmpdir(), `hsg-synth-${scale}-`));
  const t0 = performance.now();
  execFileSync(process.execPath, [path.join(__dirname, 'synth.js'), '--scale', String(scale), '--out', dir], { stdio: 'ignore' });
  const synthMs = performance.now() - t0;
  const { SUBGRAPHS } = require(path.join(root, 'services', 'core', 'dist', 'manifest.js'));
  const processes = [];
  try {
    const t1 = performance.now();
    // All five seed at once (search indexes from the seed files, not from the owners).
    const started = await Promise.allSettled(
      SUBGRAPHS.map((s) => start({ kind: 'subgraph', name: s.name, dir: s.dir, seedsDir: dir, databaseUrl })),
    );
    for (const r of started) if (r.status === 'fulfilled') processes.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const seedMs = performance.now() - t1;
    const subgraphUrls = Object.fromEntries(processes.map((p) => [p.name, p.url]));
    const gateway = await start({ kind: 'gateway', name: 'gateway', subgraphUrls });
    processes.push(gateway);
    const rows = [];
    for (const q of QUERIES) {
      try {
        await send(gateway.url, q);
      } catch (e) {
        // A query this engine cannot answer yet is a row saying so, not the end of the table.
        rows.push({ name: q.name, failed: e.message.slice(0, 120) });
        continue;
      }
      for (let i = 0; i < 10; i++) await send(gateway.url, q); // warm-up: plans, statement caches, JIT
      const before = await Promise.all(processes.map((p) => ask(p, 'stats')));
      const times = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        await send(gateway.url, q);
        times.push(performance.now() - t);
      }
      const after = await Promise.all(processes.map((p) => ask(p, 'stats')));
      times.sort((a, b) => a - b);
      const statements = after.reduce((sum, s, i) => sum + s.statements - before[i].statements, 0) / REQUESTS;
      const subgraphRss = after.slice(0, -1).reduce((sum, s) => sum + s.rss, 0);
      rows.push({ name: q.name, p50: times[Math.floor(times.length / 2)], statements, gatewayRss: after.at(-1).rss, subgraphRss });
    }
    return { scale, synthMs, seedMs, rows };
  } finally {
    await stopAll(processes);
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);

async function growth(scales = [1, 10, 100]) {
  if (!scales.every((n) => Number.isInteger(n) && n >= 1))
    throw new Error(`growth scales must be whole numbers ≥ 1; got ${scales.join(' ')}`);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  console.log(
    `\ngrowth: fixed-size answers over the seeds at ${scales.join('×, ')}× on ${databaseUrl ? 'PostgreSQL' : 'SQLite (in memory)'}; ${REQUESTS} sequential requests each`,
  );
  const results = [];
  for (const scale of scales) {
    const r = await measureScale(scale, databaseUrl);
    console.log(
      `  ${scale}×: synth ${(r.synthMs / 1000).toFixed(1)} s, subgraphs seeded and listening in ${(r.seedMs / 1000).toFixed(1)} s`,
    );
    results.push(r);
  }
  console.log(
    '\n' +
      'query'.padEnd(36) +
      'scale'.padStart(6) +
      'p50 ms'.padStart(8) +
      'stmts/req'.padStart(11) +
      'gw RSS MB'.padStart(11) +
      'subgraphs RSS MB'.padStart(18),
  );
  for (let i = 0; i < QUERIES.length; i++) {
    for (const r of results) {
      const row = r.rows[i];
      if (row.failed) {
        console.log(row.name.padEnd(36) + `${r.scale}×`.padStart(6) + `  failed: ${row.failed}`);
        continue;
      }
      console.log(
        row.name.padEnd(36) +
          `${r.scale}×`.padStart(6) +
          row.p50.toFixed(1).padStart(8) +
          row.statements.toFixed(2).padStart(11) +
          mb(row.gatewayRss).padStart(11) +
          mb(row.subgraphRss).padStart(18),
      );
    }
  }
}

module.exports = { growth };
