import { REPO_ROOT } from '@hsg/core';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs GraphQL Code Generator the way a frontend team does (`npm run codegen`, i.e.
 * scripts/codegen.js) over examples/ against schema/api.graphql. It runs as its own process:
 * codegen's plugins load ES modules that jest's module system cannot.
 */
const run = promisify(execFile);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-codegen-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codegen = (...args: string[]) => run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'codegen.js'), ...args], { cwd: REPO_ROOT });

test('GraphQL Code Generator types every example against schema/api.graphql', async () => {
  const out = path.join(dir, 'graphql.ts');
  await codegen('--out', out, '--manifest', path.join(dir, 'trusted-documents.json'));
  const source = readFileSync(out, 'utf8');
  // One result type per example operation, with the schema's enums and nullability.
  expect(source).toContain('export type GuangzhouNationalCentreProjectsQuery = {');
  expect(source).toContain('export type SearchQuery = {');
  expect(source).toContain('export type ProjectStatus =');
  expect(source).toContain("| 'UNDER_CONSTRUCTION'");
  expect(source).toContain("__typename: 'Region'");
});

test('a query that does not match the schema fails generation', async () => {
  writeFileSync(path.join(dir, 'broken.graphql'), 'query Broken { region(id: "440100") { population } }');
  await expect(
    codegen('--documents', dir, '--out', path.join(dir, 'out.ts'), '--manifest', path.join(dir, 'manifest.json')),
  ).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('population'),
  });
});
