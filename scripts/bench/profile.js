#!/usr/bin/env node
// `npm run -s bench -- profile [query] [clients] [seconds]`: where the graph's CPU goes for one
// example query. Starts the five subgraphs and a gateway (response cache off) as `npm start` does,
// each under node's --cpu-prof, sends the query for `seconds` (default 10) at `clients` (default 8)
// connections after a warm-up, stops them, and prints per process the share of samples taken
// during the load by package (graphql, @apollo/…, typeorm, the project's own code…) and the
// functions most often on the stack (a flame graph's widths). The .cpuprofile files are kept
// (their folder is printed): open them in a browser's performance panel for flame graphs. Only
// the samples taken during the load are counted: V8's profile clock and process.hrtime are the
// same monotonic clock. Samples labelled `writev` or `(program)` are mostly idle time the
// profiler does not mark as idle; /proc's CPU figures (the bench's) are the ones to trust.
'use strict';
const { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { startGraph } = require('./processes');

const root = path.resolve(__dirname, '..', '..');

/** Where a profile node's code lives, as the line that sums it: a package, node's own, or the project's folder. */
function placeOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? file : rel.split('/').slice(0, 2).join('/');
}

const frameName = ({ functionName, url, lineNumber }) =>
  `${functionName || '(anonymous)'} ${url ? `${path.relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : ''}`;

/**
 * Over the samples taken between `from` and `to` (µs, the profile's clock): self time by place,
 * and time with the function on the stack (inclusive, each function once per sample) for the
 * busy samples, which is what a flame graph's widths show.
 */
function summarize(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const hits = new Map();
  let t = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    if (t < from || t > to) return;
    hits.set(id, (hits.get(id) ?? 0) + 1);
    total++;
  });
  const byPlace = new Map();
  const inclusive = new Map();
  let busy = 0;
  for (const [id, n] of hits) {
    const frame = byId.get(id).callFrame;
    const place = placeOf(frame.url, frame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + n);
    if (frame.functionName === '(idle)') continue;
    busy += n;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const name = frameName(byId.get(at).callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + n);
    }
  }
  inclusive.delete('(root) ');
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, busy, places: top(byPlace, 14), functions: top(inclusive, 40) };
}

async function main() {
  const [queryName = 'headline', clientsArg = '8', secondsArg = '10'] = process.argv.slice(3);
  const query = readFileSync(path.join(root, 'examples', `${queryName}.graphql`), 'utf8');
  const profileDir = mkdtempSync(path.join(tmpdir(), 'hsg-profile-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hsg-bench-'));
  const graph = await startGraph(dataDir, { execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], caches: ['off'] });
  let window;
  try {
    const url = `http://127.0.0.1:${graph.gateways[0].port}/graphql`;
    const body = JSON.stringify({ query });
    const request = { url, method: 'POST', headers: { 'content-type': 'application/json' }, body };
    await autocannon({ ...request, connections: Number(clientsArg), amount: 300 });
    const from = Number(process.hrtime.bigint() / 1000n);
    const result = await autocannon({ ...request, connections: Number(clientsArg), duration: Number(secondsArg) });
    window = { from, to: Number(process.hrtime.bigint() / 1000n), requests: result.requests.total };
    if (result.non2xx || result.errors) throw new Error(`autocannon saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  } finally {
    await graph.stop();
  }
  console.log(`${queryName} at ${clientsArg} clients for ${secondsArg} s: ${window.requests} requests; profiles in ${profileDir}`);
  // The load's span, for reading the profiles again (its µs are the profiles' clock).
  writeFileSync(path.join(profileDir, 'window.json'), JSON.stringify({ ...window, processes: Object.fromEntries(graph.names) }));
  for (const file of readdirSync(profileDir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()) {
    const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8'));
    const pid = Number(file.split('.')[3]); // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile
    const name = graph.names.get(pid) ?? `pid ${pid}`;
    const { total, busy, places, functions } = summarize(profile, window.from, window.to);
    const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000; // ms per sample
    console.log(`\n${name}: ${total} samples, ~${((total * interval) / window.requests).toFixed(2)} ms on CPU or idle per request`);
    for (const [place, n] of places) console.log(`  ${((100 * n) / total).toFixed(1).padStart(5)} %  ${place}`);
    console.log(`  with the function on the stack, of ${busy} busy samples:`);
    for (const [fn, n] of functions) console.log(`  ${((100 * n) / busy).toFixed(1).padStart(5)} %  ${fn}`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

module.exports = { main };
