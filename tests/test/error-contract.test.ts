import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_ERROR_CODES, REPO_ROOT } from '@hsg/core';

/**
 * docs/errors.md is the one list of error codes. Every code in it must be produced by some test
 * (a test that asserts it by name, against a running gateway or subgraph), and every code the
 * source can put in `extensions.code` must be in it: the codes that pass the masking formatError
 * (CLIENT_ERROR_CODES), every `code: '…'` literal, every graphqlError(…, '<CODE>', …) and
 * requestError(…, '<CODE>') in the source.
 */
const SOURCE_DIRS = [
  'packages/core/src',
  'packages/framework/src',
  'gateway/src',
  ...readdirSync(path.join(REPO_ROOT, 'services')).map((s) => `services/${s}/src`),
];
const TEST_DIRS = [
  'tests/test',
  'gateway/test',
  'packages/core/test',
  'packages/framework/test',
  ...readdirSync(path.join(REPO_ROOT, 'services')).map((s) => `services/${s}/test`),
];

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

/** The codes of the table in docs/errors.md, in its order. */
function documentedCodes(): string[] {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Codes'), doc.indexOf('## Headers'));
  return [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
}

/** Every code the source can answer with. */
function producibleCodes(): Set<string> {
  const codes = new Set<string>([...CLIENT_ERROR_CODES, 'INTERNAL_SERVER_ERROR']);
  for (const file of SOURCE_DIRS.flatMap(filesUnder)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcode: '([A-Z][A-Z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/graphqlError\(\s*res,\s*\d{3},\s*'([A-Z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/requestError\([^;]*?'([A-Z][A-Z_]+)'/gs)) if (!m[1].startsWith('MAX_')) codes.add(m[1]);
    // Named constants holding a code (subgraph-client.ts: SUBGRAPH_UNAVAILABLE).
    for (const m of text.matchAll(/export const ([A-Z_]+) = '\1'/g)) codes.add(m[1]);
  }
  return codes;
}

/** Codes the tests assert an answer carries: `code: 'X'`, toBe('X') right after a code lookup, or codeOf(…) cases. */
function testedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of TEST_DIRS.flatMap(filesUnder)) {
    if (file.endsWith('error-contract.test.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcode: '([A-Z][A-Z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/(?:code|codeOf\([^)]*\))\)?\.toBe\(\s*'([A-Z][A-Z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\[[^\]\n]*?(\d{3}), '([A-Z][A-Z_]+)'\]/g)) codes.add(m[2]);
    for (const m of text.matchAll(/\.extensions(?:\?)?\.code\)\.toBe\(\s*'([A-Z][A-Z_]+)'/g)) codes.add(m[1]);
  }
  return codes;
}

test('docs/errors.md lists each code once', () => {
  const codes = documentedCodes();
  expect(codes.length).toBeGreaterThanOrEqual(20);
  expect(new Set(codes).size).toBe(codes.length);
});

test('every code the source can answer with is in docs/errors.md', () => {
  const documented = new Set(documentedCodes());
  expect([...producibleCodes()].filter((c) => !documented.has(c)).sort()).toEqual([]);
});

test('every code in docs/errors.md can be answered by the source', () => {
  const producible = producibleCodes();
  expect(documentedCodes().filter((c) => !producible.has(c))).toEqual([]);
});

test('every code in docs/errors.md is produced and asserted by some test', () => {
  const tested = testedCodes();
  expect(documentedCodes().filter((c) => !tested.has(c))).toEqual([]);
});
