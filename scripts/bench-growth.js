// The growth table of `npm run bench`: queries whose answer has a fixed size, over the real seeds
// and synthetic folders 10 and 100 times their size (scripts/synth.js). Each subgraph and the
// gateway run as their own process (scripts/bench-process.js): p50 through the gateway, SQL
// statements per request (summed over the subgraphs) and each process's RSS after the run. On
// PostgreSQL when DATABASE_URL (an admin URL) is set, each scale in a scratch database of its own;
// else in-memory SQLite. Every scale's stack runs at once and the scales take turns, in rounds of
// a few requests each, so a slow minute of the machine falls on all of them alike.
// The target: p50 at 100× within 1.5× of 1×, and the same statements per request at every scale.
'use strict';
const { fork, execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '..');
// Per query and scale: ROUNDS turns of BLOCK sequential requests (100 in all).
const ROUNDS = 5;
const BLOCK = 20;
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

/** One scale's stack: its synthetic seeds, the five subgraphs seeded from them, and a gateway. */
async function startScale(scale, adminUrl) {
  const dir = mkdtempSync(path.join(tmpdir(), `hsg-synth-${scale}-`));
  const { scratchDatabase } = require(path.join(root, 'packages', 'framework', 'dist', 'index.js'));
  const database = await scratchDatabase(adminUrl);
  const processes = [];
  const stop = async () => {
    await stopAll(processes);
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const t0 = performance.now();
    execFileSync(process.execPath, [path.join(__dirname, 'synth.js'), '--scale', String(scale), '--out', dir], { stdio: 'ignore' });
    const synthMs = performance.now() - t0;
    const { SUBGRAPHS } = require(path.join(root, 'packages', 'core', 'dist', 'manifest.js'));
    const t1 = performance.now();
    // All five seed at once (search indexes from the seed files, not from the owners).
    const started = await Promise.allSettled(
      SUBGRAPHS.map((s) => start({ kind: 'subgraph', name: s.name, dir: s.dir, seedsDir: dir, databaseUrl: database.databaseUrl })),
    );
    for (const r of started) if (r.status === 'fulfilled') processes.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const seedMs = performance.now() - t1;
    const subgraphUrls = Object.fromEntries(processes.map((p) => [p.name, p.url]));
    processes.push(await start({ kind: 'gateway', name: 'gateway', subgraphUrls }));
    return { scale, synthMs, seedMs, processes, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** BLOCK sequential requests of one query to one scale: their times and the statements the subgraphs ran. */
async function block(stack, q) {
  const gateway = stack.processes.at(-1);
  const before = await Promise.all(stack.processes.map((p) => ask(p, 'stats')));
  const times = [];
  for (let i = 0; i < BLOCK; i++) {
    const t = performance.now();
    await send(gateway.url, q);
    times.push(performance.now() - t);
  }
  const after = await Promise.all(stack.processes.map((p) => ask(p, 'stats')));
  return { times, statements: after.reduce((sum, s, i) => sum + s.statements - before[i].statements, 0) };
}

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function growth(scales = [1, 10, 100]) {
  if (!scales.every((n) => Number.isInteger(n) && n >= 1))
    throw new Error(`growth scales must be whole numbers ≥ 1; got ${scales.join(' ')}`);
  const adminUrl = process.env.DATABASE_URL || undefined;
  console.log(
    `\ngrowth: fixed-size answers over the seeds at ${scales.join('×, ')}× on ${adminUrl ? 'PostgreSQL' : 'SQLite (in memory)'}; ` +
      `${ROUNDS} rounds of ${BLOCK} sequential requests per query and scale, the scales in turn`,
  );
  const stacks = [];
  try {
    // One scale seeds at a time: seeding is the heaviest work here, and each is timed alone.
    for (const scale of scales) {
      const stack = await startScale(scale, adminUrl);
      stacks.push(stack);
      console.log(
        `  ${scale}×: synth ${(stack.synthMs / 1000).toFixed(1)} s, subgraphs seeded and listening in ${(stack.seedMs / 1000).toFixed(1)} s`,
      );
    }
    const results = QUERIES.map(() => stacks.map(() => ({ times: [], statements: 0 })));
    const failures = QUERIES.map(() => null);
    for (const [i, q] of QUERIES.entries()) {
      for (const stack of stacks) {
        try {
          for (let n = 0; n < 10; n++) await send(stack.processes.at(-1).url, q); // warm-up: plans, statement caches, JIT
        } catch (e) {
          // A query this engine cannot answer yet is a row saying so, not the end of the table.
          failures[i] = e.message.slice(0, 120);
        }
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, q] of QUERIES.entries()) {
        if (failures[i]) continue;
        for (const [j, stack] of stacks.entries()) {
          const b = await block(stack, q);
          results[i][j].times.push(...b.times);
          results[i][j].statements += b.statements;
        }
      }
    }
    const stats = await Promise.all(stacks.map((s) => Promise.all(s.processes.map((p) => ask(p, 'stats')))));
    console.log(
      '\n' +
        'query'.padEnd(36) +
        'scale'.padStart(6) +
        'p50 ms'.padStart(8) +
        '÷ 1×'.padStart(7) +
        'stmts/req'.padStart(11) +
        'gw RSS MB'.padStart(11) +
        'subgraphs RSS MB'.padStart(18),
    );
    for (const [i, q] of QUERIES.entries()) {
      if (failures[i]) {
        console.log(q.name.padEnd(36) + `  failed: ${failures[i]}`);
        continue;
      }
      const base = median(results[i][0].times);
      for (const [j, stack] of stacks.entries()) {
        const r = results[i][j];
        const p50 = median(r.times);
        console.log(
          q.name.padEnd(36) +
            `${stack.scale}×`.padStart(6) +
            p50.toFixed(1).padStart(8) +
            `${(p50 / base).toFixed(2)}×`.padStart(7) +
            (r.statements / r.times.length).toFixed(2).padStart(11) +
            mb(stats[j].at(-1).rss).padStart(11) +
            mb(stats[j].slice(0, -1).reduce((sum, s) => sum + s.rss, 0)).padStart(18),
        );
      }
    }
  } finally {
    for (const stack of stacks) await stack.stop();
  }
}

module.exports = { growth };
