#!/usr/bin/env node
// `npm run release-schema`: records schema/api.graphql as the released public schema
// (schema/released/api.graphql), the one clients build against and later changes are checked
// with. It runs the same check as `npm run check-schema` first and refuses to release a schema
// that breaks clients; what it prints belongs in the release commit's message.
//   node scripts/release-schema.js [--released <file>] [--current <file>] [--today YYYY-MM-DD]
'use strict';
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { checkSchemas, failed, formatReport, readSchemas } = require('./schema-check');

(async () => {
  const { releasedPath, currentPath, released, current, today } = readSchemas(process.argv.slice(2));
  const report = released === null ? null : await checkSchemas(released, current, today);
  if (report) console.log(formatReport(report));
  else console.log(`First release: nothing to compare with.`);
  if (report && failed(report)) {
    console.error('\nNot released: fix the breaking changes above first.');
    process.exitCode = 1;
    return;
  }
  mkdirSync(path.dirname(releasedPath), { recursive: true });
  writeFileSync(releasedPath, current);
  console.log(`\nReleased ${path.relative(process.cwd(), currentPath)} as ${path.relative(process.cwd(), releasedPath)}; commit it.`);
})().catch((e) => {
  console.error(e.message ?? e);
  process.exitCode = 2;
});
