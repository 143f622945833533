// The public schema's version and changelog: schema/released/VERSION (semver) and CHANGELOG.md,
// whose "## Unreleased" section is where a change to the schema is declared before it is
// released (CONTRIBUTING.md). `npm run release-schema` turns that section and GraphQL Inspector's
// diff into a versioned entry; `npm run check-schema` and tests/test/schema-contract.test.ts fail
// while a change of the live schema is named nowhere in it.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const CHANGELOG = path.join(root, 'CHANGELOG.md');
const VERSION = path.join(root, 'schema', 'released', 'VERSION');
const UNRELEASED = '## Unreleased';
const UNRELEASED_HINT =
  '<!-- One line per schema change not yet released, naming what changed as a schema coordinate (`Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Type`) and why. `npm run release-schema` moves these lines into the next version. -->';

/** Description edits are listed when released, but need no line of their own beforehand. */
const WORDING_ONLY = /_DESCRIPTION_(CHANGED|ADDED|REMOVED)$/;

const readVersion = (file = VERSION) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : '0.0.0');

/** The text of the Unreleased section (without its heading and the hint), or '' when there is none. */
function unreleasedOf(changelog) {
  const start = changelog.indexOf(`\n${UNRELEASED}\n`);
  if (start < 0) return '';
  const body = changelog.slice(start + UNRELEASED.length + 2);
  const end = body.search(/^## /m);
  return (end < 0 ? body : body.slice(0, end)).replace(UNRELEASED_HINT, '').trim();
}

/**
 * The coordinates that may name a change at `changePath` ("Region.projects.last" is named by
 * `Region.projects.last`, `Region.projects(last:)` or `Region.projects`; "Region" only by `Region`).
 */
function namesFor(changePath) {
  const [type, member, arg] = changePath.split('.');
  if (!member) return [type];
  return [`${type}.${member}`, ...(arg ? [`${type}.${member}.${arg}`, `${type}.${member}(${arg}:)`] : [])];
}

/** Whether `text` names one of `names` as a whole coordinate (not as part of a longer one). */
function mentions(text, names) {
  return names.some((name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^A-Za-z0-9_.])${escaped}($|[^A-Za-z0-9_])`).test(text);
  });
}

/**
 * The changes of a report (scripts/schema-check.js) that the Unreleased text does not name. A new
 * type is named by its name: its fields and values come with it and need no line each.
 */
function unnamedChanges(report, unreleased) {
  const changes = [...report.breaking, ...report.scheduled, ...report.dangerous, ...report.safe];
  const added = new Set(changes.filter((c) => c.type === 'TYPE_ADDED').map((c) => c.path));
  return changes.filter((change) => {
    if (WORDING_ONLY.test(change.type ?? '') || !change.path) return false;
    const type = change.path.split('.')[0];
    if (added.has(type)) return change.type === 'TYPE_ADDED' && !mentions(unreleased, [type]); // reported once, as the type
    return !mentions(unreleased, namesFor(change.path));
  });
}

/** The next version: major for a removal, minor for anything else a client can use or must handle, patch for wording. */
function nextVersion(version, report) {
  const [major, minor, patch] = version.split('.').map(Number);
  if (report.breaking.length + report.scheduled.length > 0) return `${major + 1}.0.0`;
  if ([...report.dangerous, ...report.safe].some((c) => !WORDING_ONLY.test(c.type ?? ''))) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The changelog entry of a release: the declared notes, then Inspector's changes by criticality. */
function releaseEntry(version, date, report, notes) {
  const list = (title, entries) => (entries.length ? [``, `### ${title}`, ``, ...entries.map((e) => `- \`${e.path}\`: ${e.text}`)] : []);
  return [
    `## ${version} — ${date}`,
    ...(notes ? ['', notes] : []),
    ...list('Breaking', [...report.breaking, ...report.scheduled]),
    ...list('Dangerous', report.dangerous),
    ...list('Safe', report.safe),
  ].join('\n');
}

/** The changelog with the Unreleased notes moved into `entry` and the section emptied. */
function withRelease(changelog, entry) {
  const start = changelog.indexOf(`\n${UNRELEASED}\n`);
  if (start < 0) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section.`);
  const afterHeading = start + UNRELEASED.length + 2;
  const rest = changelog.slice(afterHeading);
  const end = rest.search(/^## /m);
  const tail = end < 0 ? '' : rest.slice(end);
  return `${changelog.slice(0, afterHeading)}\n${UNRELEASED_HINT}\n\n${entry}\n${tail ? `\n${tail}` : ''}`;
}

module.exports = { CHANGELOG, VERSION, UNRELEASED_HINT, readVersion, unreleasedOf, unnamedChanges, nextVersion, releaseEntry, withRelease };
