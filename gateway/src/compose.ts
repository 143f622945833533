import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@hsg/common';
import { composeFromCode } from './supergraph';

/** `npm run compose`: regenerates schema/*.graphql from the subgraphs' code. */
export const SCHEMA_DIR = path.join(REPO_ROOT, 'schema');

export function schemaFiles(composed: Awaited<ReturnType<typeof composeFromCode>>): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(composed.subgraphs).map(([name, sdl]) => [`${name}.graphql`, sdl.trimEnd() + '\n'])),
    'supergraph.graphql': composed.supergraph.trimEnd() + '\n',
    'api.graphql': composed.api.trimEnd() + '\n',
  };
}

if (require.main === module) {
  composeFromCode().then(
    (composed) => {
      for (const [file, text] of Object.entries(schemaFiles(composed))) writeFileSync(path.join(SCHEMA_DIR, file), text);
      console.log(`wrote ${Object.keys(schemaFiles(composed)).join(', ')} to ${SCHEMA_DIR}`);
    },
    (e) => {
      console.error((e as Error).message);
      process.exit(1);
    },
  );
}
