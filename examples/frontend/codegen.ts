// codegen.ts: `npx graphql-codegen` types every graphql(`…`) document under src/
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'http://127.0.0.1:4000/schema.graphql', // or a copy of schema/released/api.graphql
  documents: ['src/**/*.{ts,tsx}'],
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { persistedDocuments: { hashAlgorithm: 'sha256' } }, // the default, sha1, is refused
    },
  },
};
export default config;
