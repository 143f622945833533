import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { REPO_ROOT, SUBGRAPHS, type SubgraphName } from '@hsg/core';
import { type SubgraphDefinition } from '@hsg/framework';
import { parse, printSchema } from 'graphql';

/** `npm run compose` writes schema/*.graphql here from the subgraphs' code. */
export const SCHEMA_DIR = path.join(REPO_ROOT, 'schema');

export interface ComposedSchemas {
  /** One SDL per subgraph, as printed from its code. */
  subgraphs: Record<SubgraphName, string>;
  /** The supergraph the gateway plans queries with (subgraph URLs are the default local ports). */
  supergraph: string;
  /** The public API schema clients see and generate types from. */
  api: string;
}

/** A subgraph package's definition, by the package name the manifest gives. */
export function subgraphDefinition(pkg: string): SubgraphDefinition<object> {
  // Loaded by name so the manifest, not an import list, decides which subgraphs exist.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(pkg) as { subgraph: SubgraphDefinition<object> }).subgraph;
}

/** Builds every subgraph's schema from code and composes them; composition errors are thrown together. */
export async function composeFromCode(): Promise<ComposedSchemas> {
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const { name, package: pkg } of SUBGRAPHS) subgraphs[name] = printSubgraphSchema(await subgraphDefinition(pkg).buildSchema());
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, typeDefs: parse(subgraphs[name]) })),
  );
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return {
    subgraphs,
    supergraph: result.supergraphSdl,
    api: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}

export function schemaFiles(composed: ComposedSchemas): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(composed.subgraphs).map(([name, sdl]) => [`${name}.graphql`, sdl.trimEnd() + '\n'])),
    'supergraph.graphql': composed.supergraph.trimEnd() + '\n',
    'api.graphql': composed.api.trimEnd() + '\n',
  };
}

if (require.main === module) {
  composeFromCode().then(
    (composed) => {
      const files = schemaFiles(composed);
      for (const [file, text] of Object.entries(files)) writeFileSync(path.join(SCHEMA_DIR, file), text);
      console.log(`wrote ${Object.keys(files).join(', ')} to ${SCHEMA_DIR}`);
    },
    (e) => {
      console.error((e as Error).message);
      process.exit(1);
    },
  );
}
