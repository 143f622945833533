#!/usr/bin/env node
// `npm run -s synth -- --scale N --out DIR`: a synthetic seeds folder N times the real one, for
// measuring how a request's cost grows with the data (npm run bench). Copy 0 is the real data;
// copy k of every record gets the id `zsyn<k>-<id>` (sorting after every real id, so a list's
// first page holds the same real records at every scale) and points at copy k of what it referred
// to. Regions and sources are the real ones (the same divisions, the same texts), so every
// citation still quotes a real line and the folder passes the same seed checks. A copy's names
// carry （合成k） / (synthetic k), and SYNTHETIC.json marks the folder. It never writes into
// seeds/, nor over a folder that holds anything but an earlier synthetic copy.
'use strict';
const path = require('node:path');
const { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');

const root = path.resolve(__dirname, '..');
const REAL = path.join(root, 'seeds');
const MARKER = 'SYNTHETIC.json';

/** Families copied as they are: the same regions and source texts at every scale. */
const SHARED = ['regions', 'sources'];

/**
 * The references of each family, read off the declarations (`@Attr`'s `ref`) of every subgraph's
 * entities (the built packages: `npm run synth` builds first): field, family pointed at, and the
 * ids a value holds. References to the shared families are never rewritten.
 */
function referencesByFamily() {
  const { SUBGRAPHS } = require(path.join(root, 'packages', 'core', 'dist', 'manifest.js'));
  const { attrsOf, familyOf } = require(path.join(root, 'packages', 'framework', 'dist', 'index.js'));
  const { subgraphDefinition } = require(path.join(root, 'schema', 'dist', 'compose.js'));
  const refs = {};
  for (const { package: pkg } of SUBGRAPHS) {
    for (const entity of subgraphDefinition(pkg).entities) {
      let family;
      try {
        family = familyOf(entity).family;
      } catch {
        continue; // a table no seed file fills (the search index, the feed)
      }
      refs[family] = attrsOf(entity)
        .filter((a) => a.ref && !SHARED.includes(typeof a.ref === 'string' ? a.ref : a.ref.family))
        .map((a) => ({ key: a.key, ids: typeof a.ref === 'string' ? (v) => (Array.isArray(v) ? v : [v]) : a.ref.ids }));
    }
  }
  return refs;
}

/** A value with every id it refers to (`ids`) replaced by `copy(id)`, wherever in the value it sits. */
function rewriteIds(value, ids, copy) {
  if (typeof value === 'string') return ids.has(value) ? copy(value) : value;
  if (Array.isArray(value)) return value.map((v) => rewriteIds(v, ids, copy));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteIds(v, ids, copy)]));
  return value;
}

/** The fields people search by (the declarations' `name` option): a copy's are marked. */
const NAMES = ['name', 'shortName', 'aliases', 'nameEn'];
const marked = (value, k, english) =>
  Array.isArray(value)
    ? value.map((v) => marked(v, k, english))
    : typeof value === 'string'
      ? `${value}${english ? ` (synthetic ${k})` : `（合成${k}）`}`
      : value;

function fail(message) {
  console.error(`synth: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { scale: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--scale') args.scale = value;
    else if (flag === '--out') args.out = value;
    else fail(`unknown argument "${argv[i]}". Usage: npm run -s synth -- --scale N --out DIR`);
  }
  if (!/^[1-9][0-9]{0,3}$/.test(args.scale ?? '')) fail(`--scale must be a whole number from 1 to 9999; got "${args.scale ?? ''}".`);
  if (!args.out) fail('--out DIR is required (a folder outside seeds/).');
  return { scale: Number(args.scale), out: path.resolve(args.out) };
}

function checkOut(out) {
  const rel = path.relative(REAL, out);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)))
    fail(`refusing to write into ${REAL}: synthetic data never goes into seeds/.`);
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length && !entries.includes(MARKER)) fail(`${out} is not empty and holds no ${MARKER}; give an empty or new folder.`);
  }
}

function main() {
  const { scale, out } = parseArgs(process.argv.slice(2));
  checkOut(out);
  const families = readdirSync(REAL)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
  const REFS = referencesByFamily();
  const unknown = families.filter((f) => !SHARED.includes(f) && !(f in REFS));
  if (unknown.length)
    fail(`no entity declares ${unknown.map((f) => `${f}.json`).join(', ')}: declare it with @Family, or list it as shared.`);
  mkdirSync(out, { recursive: true });
  const counts = {};
  for (const family of families) {
    const records = JSON.parse(readFileSync(path.join(REAL, `${family}.json`), 'utf8'));
    let rows = records;
    if (!SHARED.includes(family)) {
      rows = [];
      for (let k = 0; k < scale; k++) {
        const copy = (id) => (k === 0 || id == null ? id : `zsyn${k}-${id}`);
        for (const record of records) {
          const row = { ...record, id: copy(record.id) };
          // Every name of a copy says it is one, and ranks below the real record it copies.
          if (k > 0) for (const field of NAMES) if (field in row) row[field] = marked(row[field], k, field === 'nameEn');
          for (const { key, ids } of REFS[family]) if (row[key] != null) row[key] = rewriteIds(row[key], new Set(ids(row[key])), copy);
          rows.push(row);
        }
      }
    }
    writeFileSync(path.join(out, `${family}.json`), JSON.stringify(rows));
    counts[family] = rows.length;
  }
  const marker = {
    synthetic: true,
    scale,
    generatedFrom: 'seeds/',
    note: 'Generated by scripts/synth.js for benchmarks; not data.',
    counts,
  };
  writeFileSync(path.join(out, MARKER), JSON.stringify(marker, null, 2) + '\n');
  console.log(`synth: wrote ${out} at ${scale}× (${Object.values(counts).reduce((a, b) => a + b, 0)} records)`);
}

main();
