import { REPO_ROOT } from '@hsg/core';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  buildSchema,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
} from 'graphql';

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
    // The changelog and version of the run are the scratch folder's (none, unless the test writes them).
    const bookkeeping = ['--changelog', path.join(dir, 'CHANGELOG.md'), '--version', path.join(dir, 'VERSION')];
    const { stdout, stderr } = await run(process.execPath, [
      script(name),
      '--released',
      releasedFile,
      '--current',
      currentFile,
      ...bookkeeping,
      ...args,
    ]);
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
  // Exit 1 may also mean undeclared changes: the test below holds those.
  const { stdout } = await run(process.execPath, [script('schema-check.js')], { cwd: REPO_ROOT }).catch((e: { stdout: string }) => e);
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
  writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n- `Region.nameEn` goes: nobody reads it.\n');
  writeFileSync(path.join(dir, 'VERSION'), '1.4.2\n');
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

test('a release bumps the version and writes the changelog entry: the declared notes, then breaking, dangerous and safe', async () => {
  writeFileSync(
    path.join(dir, 'CHANGELOG.md'),
    '# Changelog\n\n## Unreleased\n\n<!-- hint -->\n- `Region.nameEn` goes after its date; `Query.projects(first:)` is required.\n\n## 1.4.2 — 2025-01-01\n\nOlder.\n',
  );
  writeFileSync(path.join(dir, 'VERSION'), '1.4.2\n');
  const released = deprecate(API, 'Region', 'nameEn', 'Use `name`, removed after 2025-01-31');
  const current = removeField(API, 'Region', 'nameEn');
  const done = await runOver('release-schema.js', released, current, '--today', '2025-02-01');
  expect(done.code).toBe(0);
  expect(readFileSync(path.join(dir, 'VERSION'), 'utf8')).toBe('2.0.0\n');
  const changelog = readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
  expect(changelog).toMatch(
    /^# Changelog\n\n## Unreleased\n\n<!-- One line per schema change[^\n]*-->\n\n## 2\.0\.0 — 2025-02-01\n\n<!-- hint -->\n- `Region\.nameEn` goes after its date; `Query\.projects\(first:\)` is required\.\n\n### Breaking\n\n- `Region\.nameEn`: Region\.nameEn was removed: every query that selects it will be rejected/,
  );
  expect(changelog.endsWith('\n## 1.4.2 — 2025-01-01\n\nOlder.\n')).toBe(true);

  // An added field is a minor release, a description edit a patch one; an unchanged schema is no release.
  writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n- `Region.nameEn` is back.\n');
  const added = await runOver('release-schema.js', current, API, '--today', '2025-03-01');
  expect(added.code).toBe(0);
  expect(readFileSync(path.join(dir, 'VERSION'), 'utf8')).toBe('2.1.0\n');
  expect(readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toContain(
    "## 2.1.0 — 2025-03-01\n\n- `Region.nameEn` is back.\n\n### Safe\n\n- `Region.nameEn`: Field 'nameEn' was added to object type 'Region'.",
  );
  const reworded = API.replace('One designation by id. An unknown id is a NOT_FOUND error.', 'One designation, by its id.');
  expect((await runOver('release-schema.js', API, reworded, '--today', '2025-03-02')).code).toBe(0);
  expect(readFileSync(path.join(dir, 'VERSION'), 'utf8')).toBe('2.1.1\n');
  const same = await runOver('release-schema.js', API, API);
  expect(same.stdout).toContain('Nothing to release');
  expect(readFileSync(path.join(dir, 'VERSION'), 'utf8')).toBe('2.1.1\n');
});

test('a change of the schema that CHANGELOG.md does not name under Unreleased fails the check, naming it', async () => {
  const current = deprecate(API, 'Region', 'nameEn', 'Use `name`, removed after 2099-01-01').replace(
    'type Query {',
    'type Query {\n  """New."""\n  ping: Boolean',
  );
  const undeclared = await runOver('schema-check.js', API, current);
  expect(undeclared.code).toBe(0); // no changelog in the scratch folder: nothing to check against
  writeFileSync(
    path.join(dir, 'CHANGELOG.md'),
    '# Changelog\n\n## Unreleased\n\n- `Query.pingPong` and `Region.nameEnglish` are new.\n\n## 1.0.0\n\n- `Query.ping`, `Region.nameEn`\n',
  );
  const unnamed = await runOver('schema-check.js', API, current);
  expect(unnamed.code).toBe(1);
  expect(unnamed.stderr).toContain('Unreleased and undeclared (2)');
  expect(unnamed.stderr).toContain("  - Query.ping: Field 'ping' was added to object type 'Query'.");
  expect(unnamed.stderr).toContain('  - Region.nameEn.@deprecated: Region.nameEn is now deprecated');
  writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n- `Query.ping` answers; `Region.nameEn` is deprecated.\n');
  const named = await runOver('schema-check.js', API, current);
  expect(named.stderr).not.toContain('Unreleased and undeclared');
});

test('the live schema differs from the released one only by changes CHANGELOG.md declares under Unreleased', async () => {
  const result = await run(process.execPath, [script('schema-check.js')], { cwd: REPO_ROOT }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  expect(result.stderr).not.toContain('Unreleased and undeclared');
  expect(result.code).toBe(0);
  expect(readFileSync(path.join(REPO_ROOT, 'schema', 'released', 'VERSION'), 'utf8')).toMatch(/^\d+\.\d+\.\d+\n$/);
});

test('every deprecation reason names fields that exist, in the live and the released schema', () => {
  for (const file of [path.join(REPO_ROOT, 'schema', 'api.graphql'), path.join(REPO_ROOT, 'schema', 'released', 'api.graphql')]) {
    const schema = buildSchema(readFileSync(file, 'utf8'));
    let reasons = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.deprecationReason) continue;
        reasons++;
        // `name` is a field of the same type (or a root field: `search`), `Type.name` a field of that type.
        for (const [, named] of field.deprecationReason.matchAll(/`([A-Za-z_][A-Za-z0-9_.]*)`/g)) {
          const owners = named.includes('.') ? [named.split('.')[0]] : [type.name, 'Query'];
          const member = named.split('.').at(-1)!;
          const exists = owners.some((owner) => {
            const target = schema.getType(owner);
            return (
              !!target && (isObjectType(target) || isInterfaceType(target) || isInputObjectType(target)) && member in target.getFields()
            );
          });
          expect({ field: `${type.name}.${field.name}`, names: named, exists }).toEqual({
            field: `${type.name}.${field.name}`,
            names: named,
            exists: true,
          });
        }
      }
    }
    expect(reasons).toBeGreaterThan(0);
  }
});
