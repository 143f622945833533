// Shared jest settings for every workspace: swc compiles TypeScript with the legacy
// decorators and decorator metadata that type-graphql and TypeORM need.
const path = require('path');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Workspace packages are used from source in tests, so a test never runs against a stale build.
  // The libraries live in packages/; every other @hsg package is a subgraph under services/ whose
  // entry is its definition, src/subgraph.ts.
  moduleNameMapper: {
    '^@hsg/(core|framework)$': path.join(__dirname, 'packages/$1/src/index.ts'),
    '^@hsg/gateway$': path.join(__dirname, 'gateway/src/server.ts'),
    '^@hsg/schema$': path.join(__dirname, 'schema/src/compose.ts'),
    '^@hsg/([a-z-]+)$': path.join(__dirname, 'services/$1/src/subgraph.ts'),
  },
  testTimeout: 60000,
  // Every test file loads the whole server graph into a module registry of its own, and finished
  // files' registries are not all released: one process running the cross-service suite grew to
  // 3.3 GB of heap, and its collector's pauses then outlasted the gateway's 5 s subgraph timeout.
  // A worker past this size after a file is replaced by a fresh one. (Setting it also makes jest
  // run the files in a worker rather than in its own process.)
  workerIdleMemoryLimit: '768MB',
};
