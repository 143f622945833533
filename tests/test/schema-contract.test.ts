import { REPO_ROOT } from '@hsg/core';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse, print, visit, type ConstDirectiveNode, type FieldDefinitionNode } from 'graphql';

/**
 * The breaking-change check (`npm run check-schema`, scripts/schema-check.js) and the release step
 * (`npm run release-schema`), run as a developer or CI runs them, over edited copies of the real
 * public schema.
 */
const run = promisify(execFile);
const script = (name: string) => path.join(REPO_ROOT, 'scripts', name);
const API = readFileSync(path.join(REPO_ROOT, 'schema', 'api.graphql'), 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes both schemas to files and runs a script over them; resolves with its exit code and output. */
async function runOver(name: string, released: string, current: string, ...args: string[]) {
  const releasedFile = path.join(dir, 'released.graphql');
  const currentFile = path.join(dir, 'current.graphql');
  writeFileSync(releasedFile, released);
  writeFileSync(currentFile, current);
  try {
    const { stdout, stderr } = await run(process.execPath, [script(name), '--released', releasedFile, '--current', currentFile, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** Applies `change` to the fields of one type of the real schema. */
function editFields(sdl: string, typeName: string, change: (fields: readonly FieldDefinitionNode[]) => FieldDefinitionNode[]): string {
  return print(
    visit(parse(sdl), {
      ObjectTypeDefinition: (node) => (node.name.value === typeName ? { ...node, fields: change(node.fields ?? []) } : undefined),
    }),
  );
}

const deprecated = (reason: string): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'deprecated' },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'reason' }, value: { kind: Kind.STRING, value: reason } }],
});
const deprecate = (sdl: string, typeName: string, field: string, reason: string) =>
  editFields(sdl, typeName, (fields) =>
    fields.map((f) => (f.name.value === field ? { ...f, directives: [...(f.directives ?? []), deprecated(reason)] } : f)),
  );
const removeField = (sdl: string, typeName: string, field: string) =>
  editFields(sdl, typeName, (fields) => fields.filter((f) => f.name.value !== field));

test('the committed public schema does not break the released one', async () => {
  const { stdout } = await run(process.execPath, [script('schema-check.js')], { cwd: REPO_ROOT });
  expect(stdout).not.toContain('Breaking changes');
  expect(stdout).not.toContain('Deprecation policy');
});

test('a removed field, a newly required argument and a dropped enum value fail the check, each explained', async () => {
  let current = removeField(API, 'Region', 'nameEn');
  current = editFields(current, 'Query', (fields) =>
    fields.map((f) =>
      f.name.value === 'projects'
        ? {
            ...f,
            arguments: (f.arguments ?? []).map((a) =>
              a.name.value === 'first' && a.type.kind !== Kind.NON_NULL_TYPE
                ? { ...a, type: { kind: Kind.NON_NULL_TYPE, type: a.type } }
                : a,
            ),
          }
        : f,
    ),
  );
  current = print(
    visit(parse(current), {
      EnumTypeDefinition: (node) =>
        node.name.value === 'ProjectStatus'
          ? { ...node, values: (node.values ?? []).filter((v) => v.name.value !== 'UNKNOWN') }
          : undefined,
    }),
  );
  const result = await runOver('schema-check.js', API, current);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('Breaking changes (3):');
  expect(result.stdout).toContain(
    '  - Region.nameEn was removed: every query that selects it will be rejected (GRAPHQL_VALIDATION_FAILED). Remove it from your queries first. Deprecate it first (see the deprecation policy in README.md).',
  );
  expect(result.stdout).toContain(
    '  - Argument "first" of Query.projects is now required (Int!): queries that call projects without it will be rejected.',
  );
  expect(result.stdout).toContain(
    '  - ProjectStatus.UNKNOWN was removed: queries and variables that send UNKNOWN will be rejected, and generated types lose the value.',
  );
  expect(result.stderr).toContain('The schema breaks clients of the released one.');
});

test('dangerous and safe changes are reported without failing', async () => {
  let current = print(
    visit(parse(API), {
      EnumTypeDefinition: (node) =>
        node.name.value === 'ProjectStatus'
          ? {
              ...node,
              values: [...(node.values ?? []), { kind: Kind.ENUM_VALUE_DEFINITION, name: { kind: Kind.NAME, value: 'SUSPENDED' } }],
            }
          : undefined,
    }),
  );
  current = editFields(current, 'Region', (fields) => [
    ...fields,
    {
      kind: Kind.FIELD_DEFINITION,
      name: { kind: Kind.NAME, value: 'population' },
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Int' } },
    },
  ]);
  const result = await runOver('schema-check.js', API, current);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    'Dangerous changes (allowed; clients should check) (1):\n  - ProjectStatus gained SUSPENDED: results may now contain a value your code does not handle',
  );
  expect(result.stdout).toContain("Safe changes (1):\n  - Field 'population' was added to object type 'Region'.");
});

test('a deprecated field may be removed only after its removal date', async () => {
  const released = deprecate(API, 'Region', 'nameEn', 'Use `name`, removed after 2025-01-31');
  const current = removeField(API, 'Region', 'nameEn');
  const after = await runOver('schema-check.js', released, current, '--today', '2025-02-01');
  expect(after.code).toBe(0);
  expect(after.stdout).toContain('Scheduled removals (deprecated, removal date passed) (1):\n  - Region.nameEn was removed');
  const before = await runOver('schema-check.js', released, current, '--today', '2025-01-31');
  expect(before.code).toBe(1);
  expect(before.stdout).toContain('It is deprecated until 2025-01-31; it may go after that date, not before.');
});

test('a new deprecation must name a removal date at least 180 days ahead', async () => {
  const noDate = await runOver('schema-check.js', API, deprecate(API, 'Region', 'nameEn', 'Use `name`.'), '--today', '2025-03-01');
  expect(noDate.code).toBe(1);
  expect(noDate.stdout).toContain(
    'Region.nameEn is deprecated ("Use `name`.") without a removal date: end the reason with "removed after YYYY-MM-DD".',
  );
  const tooSoon = await runOver(
    'schema-check.js',
    API,
    deprecate(API, 'Region', 'nameEn', 'Use `name`, removed after 2025-06-01'),
    '--today',
    '2025-03-01',
  );
  expect(tooSoon.code).toBe(1);
  expect(tooSoon.stdout).toContain('clients get at least 180 days, so the date must be 2025-08-28 or later.');
  const fine = await runOver(
    'schema-check.js',
    API,
    deprecate(API, 'Region', 'nameEn', 'Use `name`, removed after 2025-09-01'),
    '--today',
    '2025-03-01',
  );
  expect(fine.code).toBe(0);
  expect(fine.stdout).toContain(
    'Safe changes (1):\n  - Region.nameEn is now deprecated: it keeps working until its removal date; move your queries off it.',
  );
});

test('the release step records the current schema, and refuses one that breaks clients', async () => {
  const current = removeField(API, 'Region', 'nameEn');
  const refused = await runOver('release-schema.js', API, current);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('Not released');
  expect(readFileSync(path.join(dir, 'released.graphql'), 'utf8')).toBe(API);

  const scheduled = await runOver('release-schema.js', deprecate(API, 'Region', 'nameEn', 'Use `name`, removed after 2025-01-31'), current);
  expect(scheduled.code).toBe(0);
  expect(scheduled.stdout).toContain('Scheduled removals');
  expect(readFileSync(path.join(dir, 'released.graphql'), 'utf8')).toBe(current);
});
