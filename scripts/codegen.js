#!/usr/bin/env node
// `npm run codegen`: what a frontend team does with the graph: TypeScript types for the public
// schema (schema/api.graphql) and for every query in examples/, written to
// examples/generated/graphql.ts, and the trusted-documents manifest of those queries
// (examples/trusted-documents.json, committed: the gateway registers it). The tests run it (with
// --documents, --out and --manifest to try other queries) and fail on any error, e.g. an example
// that no longer matches the schema.
//   node scripts/codegen.js [--documents <dir of .graphql>] [--out <file>] [--manifest <file>]
'use strict';
const { readFileSync, readdirSync, mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { codegen } = require('@graphql-codegen/core');
const typescript = require('@graphql-codegen/typescript');
const typescriptOperations = require('@graphql-codegen/typescript-operations');
const { createHash } = require('node:crypto');
const { parse, print } = require('graphql');

const root = path.resolve(__dirname, '..');
const SCHEMA = path.join(root, 'schema', 'api.graphql');
const EXAMPLES = path.join(root, 'examples');
const OUTPUT = path.join(EXAMPLES, 'generated', 'graphql.ts');
const MANIFEST = path.join(EXAMPLES, 'trusted-documents.json');

function readDocuments(documentsDir) {
  return readdirSync(documentsDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => {
      const location = path.join(documentsDir, f);
      return { location, document: parse(readFileSync(location, 'utf8')) };
    });
}

/**
 * The trusted-documents manifest: { sha256 hex of the document: document }, the format GraphQL
 * Code Generator's client preset writes (persistedDocuments, hashAlgorithm sha256). Each document
 * is the file as graphql-js prints it (comments and layout dropped), so its hash is what Apollo's
 * persisted-query link sends for it.
 */
function trustedDocuments(documents) {
  const manifest = {};
  for (const { document } of documents) {
    const text = print(document);
    manifest[createHash('sha256').update(text).digest('hex')] = text;
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Runs GraphQL Code Generator (typescript + typescript-operations) and returns the source. */
async function generateTypes({ schemaPath = SCHEMA, documents }) {
  return codegen({
    schema: parse(readFileSync(schemaPath, 'utf8')),
    documents,
    filename: OUTPUT,
    plugins: [{ typescript: {} }, { 'typescript-operations': {} }],
    pluginMap: { typescript, 'typescript-operations': typescriptOperations },
    config: { enumsAsTypes: true, avoidOptionals: true, scalars: { ID: 'string' } },
  });
}

async function main() {
  const { values } = require('node:util').parseArgs({
    options: { documents: { type: 'string' }, out: { type: 'string' }, manifest: { type: 'string' } },
  });
  const out = path.resolve(values.out ?? OUTPUT);
  const manifest = path.resolve(values.manifest ?? MANIFEST);
  const documents = readDocuments(values.documents ? path.resolve(values.documents) : EXAMPLES);
  // Types first: a document that does not match the schema fails here, and no manifest is written.
  const source = await generateTypes({ documents });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, source);
  mkdirSync(path.dirname(manifest), { recursive: true });
  writeFileSync(manifest, trustedDocuments(documents));
  console.log(`Wrote ${path.relative(process.cwd(), out)} and ${path.relative(process.cwd(), manifest)}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message ?? e);
    process.exitCode = 1;
  });
}
