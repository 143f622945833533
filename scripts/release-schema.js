#!/usr/bin/env node
// `npm run release-schema`: records schema/api.graphql as the released public schema
// (schema/released/api.graphql), the one clients build against and later changes are checked
// with. It runs the same check as `npm run check-schema` first and refuses to release a schema
// that breaks clients. It bumps the version (schema/released/VERSION: major for a removal, minor
// for an addition, patch for wording) and writes the CHANGELOG.md entry: the notes declared under
// "## Unreleased", then GraphQL Inspector's changes grouped breaking, dangerous and safe.
//   node scripts/release-schema.js [--released <file>] [--current <file>] [--today YYYY-MM-DD]
//     [--changelog <file>] [--version <file>]
'use strict';
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { checkSchemas, failed, formatReport, readSchemas } = require('./schema-check');
const { nextVersion, readVersion, releaseEntry, unreleasedOf, withRelease } = require('./schema-changelog');

(async () => {
  const { releasedPath, currentPath, released, current, today, changelog, changelogPath, versionPath } = readSchemas(process.argv.slice(2));
  const report = released === null ? null : await checkSchemas(released, current, today);
  if (report) console.log(formatReport(report));
  else console.log(`First release: nothing to compare with.`);
  if (report && failed(report)) {
    console.error('\nNot released: fix the breaking changes above first.');
    process.exitCode = 1;
    return;
  }
  if (released === current) {
    console.log('\nNothing to release: the released schema is the current one.');
    return;
  }
  if (changelog === null) throw new Error(`No changelog at ${changelogPath}: it needs a "## Unreleased" section.`);
  const empty = { breaking: [], scheduled: [], dangerous: [], safe: [] };
  const version = nextVersion(readVersion(versionPath), report ?? empty);
  const date = today ?? new Date().toISOString().slice(0, 10);
  const entry = releaseEntry(version, date, report ?? empty, unreleasedOf(changelog));
  mkdirSync(path.dirname(releasedPath), { recursive: true });
  writeFileSync(releasedPath, current);
  writeFileSync(versionPath, `${version}\n`);
  writeFileSync(changelogPath, withRelease(changelog, entry));
  const rel = (p) => path.relative(process.cwd(), p);
  console.log(
    `\nReleased ${rel(currentPath)} as ${rel(releasedPath)}, version ${version} (${rel(versionPath)}, ${rel(changelogPath)}); commit them.`,
  );
})().catch((e) => {
  console.error(e.message ?? e);
  process.exitCode = 2;
});
