#!/usr/bin/env node
// `npm run codegen`: what a frontend team does with the graph: TypeScript types for the public
// schema (schema/api.graphql) and for every query in examples/, written to
// examples/generated/graphql.ts. The tests run it (with --documents and --out to try other
// queries) and fail on any error, e.g. an example that no longer matches the schema.
//   node scripts/codegen.js [--documents <dir of .graphql>] [--out <file>]
'use strict';
const { readFileSync, readdirSync, mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { codegen } = require('@graphql-codegen/core');
const typescript = require('@graphql-codegen/typescript');
const typescriptOperations = require('@graphql-codegen/typescript-operations');
const { parse } = require('graphql');

const root = path.resolve(__dirname, '..');
const SCHEMA = path.join(root, 'schema', 'api.graphql');
const EXAMPLES = path.join(root, 'examples');
const OUTPUT = path.join(EXAMPLES, 'generated', 'graphql.ts');

/** Runs GraphQL Code Generator (typescript + typescript-operations) and returns the source. */
async function generateTypes({ schemaPath = SCHEMA, documentsDir = EXAMPLES } = {}) {
  const documents = readdirSync(documentsDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => {
      const location = path.join(documentsDir, f);
      return { location, document: parse(readFileSync(location, 'utf8')) };
    });
  return codegen({
    schema: parse(readFileSync(schemaPath, 'utf8')),
    documents,
    filename: OUTPUT,
    plugins: [{ typescript: {} }, { 'typescript-operations': {} }],
    pluginMap: { typescript, 'typescript-operations': typescriptOperations },
    config: { enumsAsTypes: true, avoidOptionals: true, scalars: { ID: 'string' } },
  });
}

if (require.main === module) {
  const { values } = require('node:util').parseArgs({ options: { documents: { type: 'string' }, out: { type: 'string' } } });
  const out = path.resolve(values.out ?? OUTPUT);
  generateTypes({ documentsDir: values.documents ? path.resolve(values.documents) : EXAMPLES }).then(
    (source) => {
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, source);
      console.log(`Wrote ${path.relative(process.cwd(), out)}`);
    },
    (e) => {
      console.error(e.message ?? e);
      process.exitCode = 1;
    },
  );
}
