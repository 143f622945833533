#!/usr/bin/env node
// `npm run check-schema`: compares the public schema (schema/api.graphql, what `npm run compose`
// writes from code) with the last released one (schema/released/api.graphql) using GraphQL
// Inspector, and explains each change in terms of what it does to a client's queries.
//   - A breaking change fails the check (exit 1), unless it removes something the released schema
//     deprecated with a removal date that has passed: that is the deprecation policy at work.
//   - Every @deprecated reason must end "removed after YYYY-MM-DD"; a new deprecation must give
//     clients at least DEPRECATION_DAYS.
//   - Dangerous and safe changes are listed and do not fail.
//   node scripts/schema-check.js [--released <file>] [--current <file>] [--today YYYY-MM-DD]
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { diff, CriticalityLevel } = require('@graphql-inspector/core');
const { CHANGELOG, VERSION, unnamedChanges, unreleasedOf } = require('./schema-changelog');
const { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } = require('graphql');

const root = path.resolve(__dirname, '..');
const CURRENT = path.join(root, 'schema', 'api.graphql');
const RELEASED = path.join(root, 'schema', 'released', 'api.graphql');

/** How long a deprecated field, argument or enum value stays in the schema before it may go. */
const DEPRECATION_DAYS = 180;
const REMOVAL_DATE = /removed after (\d{4}-\d{2}-\d{2})\s*\.?\s*$/;

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * What a change means to a frontend developer whose queries, variables and generated types were
 * written against the released schema. Types not listed fall back to GraphQL Inspector's message.
 */
function explain(change) {
  const m = change.meta;
  switch (change.type) {
    case 'FIELD_REMOVED':
      return `${m.typeName}.${m.removedFieldName} was removed: every query that selects it will be rejected (GRAPHQL_VALIDATION_FAILED). Remove it from your queries first.`;
    case 'FIELD_TYPE_CHANGED':
      return `${m.typeName}.${m.fieldName} now returns ${m.newFieldType} instead of ${m.oldFieldType}: code and generated types that read it expect the old shape.`;
    case 'FIELD_ARGUMENT_ADDED':
      return String(m.addedArgumentType).endsWith('!')
        ? `${m.typeName}.${m.fieldName} has a new required argument "${m.addedArgumentName}: ${m.addedArgumentType}": queries that call ${m.fieldName} without it will be rejected.`
        : `${m.typeName}.${m.fieldName} has a new optional argument "${m.addedArgumentName}: ${m.addedArgumentType}": existing queries still run.`;
    case 'FIELD_ARGUMENT_REMOVED':
      return `Argument "${m.removedFieldArgumentName}" of ${m.typeName}.${m.fieldName} was removed: queries that pass it will be rejected.`;
    case 'FIELD_ARGUMENT_TYPE_CHANGED':
      return m.newArgumentType === `${m.oldArgumentType}!`
        ? `Argument "${m.argumentName}" of ${m.typeName}.${m.fieldName} is now required (${m.newArgumentType}): queries that call ${m.fieldName} without it will be rejected.`
        : `Argument "${m.argumentName}" of ${m.typeName}.${m.fieldName} now takes ${m.newArgumentType} instead of ${m.oldArgumentType}: queries and variables of the old type will be rejected.`;
    case 'ENUM_VALUE_REMOVED':
      return `${m.enumName}.${m.removedEnumValueName} was removed: queries and variables that send ${m.removedEnumValueName} will be rejected, and generated types lose the value.`;
    case 'ENUM_VALUE_ADDED':
      return `${m.enumName} gained ${m.addedEnumValueName}: results may now contain a value your code does not handle (give every switch on ${m.enumName} a default).`;
    case 'INPUT_FIELD_ADDED':
      if (!String(m.addedInputFieldType).endsWith('!'))
        return `Input ${m.inputName} has a new optional field "${m.addedInputFieldName}: ${m.addedInputFieldType}": existing values still work.`;
      return `Input ${m.inputName} has a new required field "${m.addedInputFieldName}: ${m.addedInputFieldType}": variables and literals of ${m.inputName} without it will be rejected.`;
    case 'INPUT_FIELD_REMOVED':
      return `Field "${m.removedFieldName}" of input ${m.inputName} was removed: queries and variables that set it will be rejected.`;
    case 'INPUT_FIELD_TYPE_CHANGED':
      return `Field "${m.inputFieldName}" of input ${m.inputName} now takes ${m.newInputFieldType} instead of ${m.oldInputFieldType}: values of the old type will be rejected.`;
    case 'TYPE_REMOVED':
      return `Type ${m.removedTypeName} was removed: fragments on it ("... on ${m.removedTypeName}") and variables of that type will be rejected.`;
    case 'TYPE_KIND_CHANGED':
      return `${m.typeName} changed from ${m.oldTypeKind} to ${m.newTypeKind}: queries and fragments that use it will be rejected or read differently.`;
    case 'UNION_MEMBER_REMOVED':
      return `${m.removedUnionMemberTypeName} is no longer a member of ${m.unionName}: fragments "... on ${m.removedUnionMemberTypeName}" inside ${m.unionName} will be rejected.`;
    case 'UNION_MEMBER_ADDED':
      return `${m.unionName} gained member ${m.addedUnionMemberTypeName}: results may contain a __typename your code does not handle.`;
    case 'OBJECT_TYPE_INTERFACE_REMOVED':
      return `${m.objectTypeName} no longer implements ${m.removedInterfaceName}: fragments on ${m.removedInterfaceName} no longer match it.`;
    case 'FIELD_ARGUMENT_DEFAULT_CHANGED':
      return `The default of argument "${m.argumentName}" of ${m.typeName}.${m.fieldName} changed from ${m.oldDefaultValue ?? 'none'} to ${m.newDefaultValue ?? 'none'}: queries that leave it out get different results.`;
    case 'INPUT_FIELD_DEFAULT_VALUE_CHANGED':
      return `The default of "${m.inputFieldName}" in input ${m.inputName} changed from ${m.oldDefaultValue ?? 'none'} to ${m.newDefaultValue ?? 'none'}: queries that leave it out get different results.`;
    case 'FIELD_DEPRECATION_ADDED':
      return `${m.typeName}.${m.fieldName} is now deprecated: it keeps working until its removal date; move your queries off it.`;
    default:
      return change.criticality.reason ? `${change.message}. ${change.criticality.reason}` : `${change.message}.`;
  }
}

/** The deprecation reason of what a change's path names in `schema` ("Type.field", "Type.field.arg", "Enum.VALUE"). */
function deprecationAt(schema, pathText) {
  const [typeName, member, argName] = (pathText ?? '').split('.');
  const type = typeName && schema.getType(typeName);
  if (!type || !member) return undefined;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason ?? undefined;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const field = type.getFields()[member];
    if (!field) return undefined;
    if (argName) return field.args?.find((a) => a.name === argName)?.deprecationReason ?? undefined;
    return field.deprecationReason ?? undefined;
  }
  return undefined;
}

/** Every deprecated field, argument and enum value of a schema, as "path" → reason. */
function deprecations(schema) {
  const found = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isEnumType(type))
      for (const v of type.getValues()) if (v.deprecationReason) found.set(`${type.name}.${v.name}`, v.deprecationReason);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason) found.set(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args ?? [])
          if (arg.deprecationReason) found.set(`${type.name}.${field.name}.${arg.name}`, arg.deprecationReason);
      }
    }
  }
  return found;
}

/** Inspector reports @deprecated both as a deprecation and as a directive usage; the first says it. */
function repeatsDeprecation(change) {
  const m = change.meta ?? {};
  return (
    change.type.startsWith('DIRECTIVE_USAGE_') && [m.addedDirectiveName, m.removedDirectiveName, m.directiveName].includes('deprecated')
  );
}

const REMOVALS = new Set(['FIELD_REMOVED', 'ENUM_VALUE_REMOVED', 'INPUT_FIELD_REMOVED', 'FIELD_ARGUMENT_REMOVED']);

/**
 * Compares two SDL texts. Returns the changes sorted into `breaking` (fail), `scheduled`
 * (breaking removals the deprecation policy allows), `dangerous` and `safe`, plus `policy`
 * violations (deprecations without a valid removal date). Each entry is { path, text }.
 */
async function checkSchemas(releasedSdl, currentSdl, today = isoDate(Date.now())) {
  const released = buildSchema(releasedSdl);
  const current = buildSchema(currentSdl);
  const report = { breaking: [], scheduled: [], dangerous: [], safe: [], policy: [] };
  for (const change of await diff(released, current)) {
    if (repeatsDeprecation(change)) continue;
    const entry = { path: change.path ?? '', type: change.type, text: explain(change) };
    if (change.criticality.level === CriticalityLevel.Breaking) {
      const reason = REMOVALS.has(change.type) ? deprecationAt(released, change.path) : undefined;
      const date = reason && REMOVAL_DATE.exec(reason)?.[1];
      if (date && date < today) report.scheduled.push({ ...entry, text: `${entry.text} (Deprecated: "${reason}")` });
      else if (date)
        report.breaking.push({ ...entry, text: `${entry.text} It is deprecated until ${date}; it may go after that date, not before.` });
      else if (reason)
        report.breaking.push({
          ...entry,
          text: `${entry.text} Its deprecation ("${reason}") names no removal date, so it cannot be removed.`,
        });
      else report.breaking.push({ ...entry, text: `${entry.text} Deprecate it first (see the deprecation policy in README.md).` });
    } else if (change.criticality.level === CriticalityLevel.Dangerous) report.dangerous.push(entry);
    else report.safe.push(entry);
  }
  const earliest = isoDate(Date.parse(today) + DEPRECATION_DAYS * DAY_MS);
  const before = deprecations(released);
  for (const [where, reason] of deprecations(current)) {
    const date = REMOVAL_DATE.exec(reason)?.[1];
    if (!date || Number.isNaN(Date.parse(date))) {
      report.policy.push({
        path: where,
        text: `${where} is deprecated ("${reason}") without a removal date: end the reason with "removed after YYYY-MM-DD".`,
      });
    } else if (!before.has(where) && date < earliest) {
      report.policy.push({
        path: where,
        text: `${where} is deprecated with removal after ${date}; clients get at least ${DEPRECATION_DAYS} days, so the date must be ${earliest} or later.`,
      });
    }
  }
  return report;
}

const failed = (report) => report.breaking.length + report.policy.length > 0;

function formatReport(report) {
  const section = (title, entries) => (entries.length ? [`${title} (${entries.length}):`, ...entries.map((e) => `  - ${e.text}`)] : []);
  const lines = [
    ...section('Breaking changes', report.breaking),
    ...section('Deprecation policy', report.policy),
    ...section('Scheduled removals (deprecated, removal date passed)', report.scheduled),
    ...section('Dangerous changes (allowed; clients should check)', report.dangerous),
    ...section('Safe changes', report.safe),
  ];
  if (lines.length === 0) lines.push('No changes against the released schema.');
  return lines.join('\n');
}

function readSchemas(argv) {
  const { values } = require('node:util').parseArgs({
    args: argv,
    options: {
      released: { type: 'string' },
      current: { type: 'string' },
      today: { type: 'string' },
      changelog: { type: 'string' },
      version: { type: 'string' },
    },
  });
  const releasedPath = path.resolve(values.released ?? RELEASED);
  const currentPath = path.resolve(values.current ?? CURRENT);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new Error('--today must be a date such as 2025-06-30.');
  // No released schema yet: the first `npm run release-schema` creates it.
  const released = existsSync(releasedPath) ? readFileSync(releasedPath, 'utf8') : null;
  const changelogPath = path.resolve(values.changelog ?? CHANGELOG);
  const versionPath = path.resolve(values.version ?? VERSION);
  return {
    releasedPath,
    currentPath,
    released,
    current: readFileSync(currentPath, 'utf8'),
    today: values.today,
    changelogPath,
    changelog: existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : null,
    versionPath,
  };
}

module.exports = { checkSchemas, formatReport, failed, readSchemas, DEPRECATION_DAYS, CURRENT, RELEASED };

if (require.main === module) {
  (async () => {
    const { releasedPath, currentPath, released, current, today, changelog, changelogPath } = readSchemas(process.argv.slice(2));
    if (released === null)
      throw new Error(`No released schema at ${releasedPath}: run \`npm run release-schema\` to make the first release.`);
    const report = await checkSchemas(released, current, today);
    console.log(`${path.relative(root, currentPath)} against ${path.relative(root, releasedPath)}:\n${formatReport(report)}`);
    if (failed(report)) {
      console.error('\nThe schema breaks clients of the released one. Deprecate instead, or wait for the removal date.');
      process.exitCode = 1;
    }
    // Checked whenever there is a changelog: the repository's always has one.
    const unnamed = changelog === null ? [] : unnamedChanges(report, unreleasedOf(changelog));
    if (unnamed.length) {
      console.error(
        `\nUnreleased and undeclared (${unnamed.length}): name each in the "## Unreleased" section of ${path.relative(root, changelogPath)} (CONTRIBUTING.md says how):\n${unnamed
          .map((c) => `  - ${c.path}: ${c.text}`)
          .join('\n')}`,
      );
      process.exitCode = 1;
    }
  })().catch((e) => {
    console.error(e.message ?? e);
    process.exitCode = 2;
  });
}
