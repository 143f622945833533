#!/usr/bin/env node
// `npm run -s migration -- --name <CamelCaseName>`: after changing an entity, writes the migration
// that brings each subgraph's tables from what its migrations build to what its entities declare,
// on both engines: services/<subgraph>/src/migrations/<date>T<hhmm>-<name>.ts (plain SQL per engine), and
// that folder's index.ts. Subgraphs with nothing to change get no file. The SQL comes from
// TypeORM's schema builder run against an empty SQLite database and an empty PostgreSQL database
// (TEST_DATABASE_URL's server, or a throwaway one started for the run) after the existing
// migrations. Review the file before committing; a test fails while any change is missing.
'use strict';
require('reflect-metadata');
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const { execFileSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SUBGRAPHS } = require('@hsg/core');
const { openDatabase, pendingSchemaChanges, scratchDatabase } = require('@hsg/framework');
const { subgraphDefinition } = require('@hsg/schema');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const name = args[args.indexOf('--name') + 1];
if (!args.includes('--name') || !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
  console.error('usage: npm run -s migration -- --name <CamelCaseName>   (e.g. --name ObservationYears)');
  process.exit(2);
}

/** What the entities still need on one engine, after the migrations the subgraph has. */
async function pending(def, databaseUrl) {
  const { dataSource } = await openDatabase({
    name: def.name,
    entities: def.entities,
    migrations: def.migrations,
    dataDir: ':memory:',
    databaseUrl,
  });
  try {
    return await pendingSchemaChanges(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The folder's index: every migration file, oldest first (file names start with their date). */
function writeIndex(dir) {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}T\d{4}-.*\.ts$/.test(f))
    .sort();
  const imports = files.map((f) => {
    const mod = f.replace(/\.ts$/, '');
    const id = mod.replace(/^\d{4}-\d{2}-\d{2}T\d{4}-/, '').replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
    return { mod, id: id.charAt(0).toUpperCase() + id.slice(1) };
  });
  writeFileSync(
    path.join(dir, 'index.ts'),
    `// Written by \`npm run migration\`: this subgraph's migrations, oldest first.\n` +
      imports.map(({ mod, id }) => `import { ${id} } from './${mod}';\n`).join('') +
      `\nexport const migrations = [${imports.map((i) => i.id).join(', ')}];\n`,
  );
}

async function main() {
  let server;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    server = mkdtempSync(path.join(os.tmpdir(), 'hsg-migration-pg-'));
    adminUrl = execFileSync('bash', [path.join(root, 'scripts', 'postgres.sh'), 'start', server], { encoding: 'utf8' }).trim();
  }
  // Named for the minute it was written: files sort as TypeORM orders migrations (by timestamp).
  const now = new Date();
  now.setUTCSeconds(0, 0);
  const timestamp = now.getTime();
  const date = now.toISOString().slice(0, 10);
  const stamp = `${date}T${now.toISOString().slice(11, 16).replace(':', '')}`;
  try {
    for (const { name: subgraph, dir } of SUBGRAPHS) {
      const def = subgraphDefinition(SUBGRAPHS.find((s) => s.name === subgraph).package);
      const sqlite = await pending(def, undefined);
      const scratch = await scratchDatabase(adminUrl);
      let postgres;
      try {
        postgres = await pending(def, scratch.databaseUrl);
      } finally {
        await scratch.drop();
      }
      if (!sqlite.length && !postgres.length) continue;
      const folder = path.join(root, dir, 'src', 'migrations');
      mkdirSync(folder, { recursive: true });
      const file = path.join(folder, `${stamp}-${kebab(name)}.ts`);
      const list = (sqls) => `[\n${sqls.map((s) => `    ${JSON.stringify(s)},\n`).join('')}  ]`;
      writeFileSync(
        file,
        `import { sqlMigration } from '@hsg/framework';\n\n` +
          `/** ${date}: TODO say what changes and why. */\n` +
          `export const ${name} = sqlMigration('${name}${timestamp}', {\n` +
          `  sqlite: ${list(sqlite)},\n  postgres: ${list(postgres)},\n});\n`,
      );
      writeIndex(folder);
      console.log(`${path.relative(root, file)}: ${sqlite.length} SQLite and ${postgres.length} PostgreSQL statements`);
    }
  } finally {
    if (server) execFileSync('bash', [path.join(root, 'scripts', 'postgres.sh'), 'stop', server]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
