// The cross-service suite on PostgreSQL (`npm run test:postgres`): every file whose answers come
// from the databases, where the engines can differ (SQL, paging, filters, search, writes,
// deadlines, migrations, replicas). The files below test the gateway's HTTP surface, clients
// and generated artefacts: what the subgraphs answer them is the same on either engine (the
// files kept here prove that), so a second run would repeat the first.
const ENGINE_INDEPENDENT = [
  'apollo-client.e2e', // Apollo Client's cache and links against the gateway
  'auth.e2e', // token verification
  'bulk-export-memory.e2e', // the gateway process's memory while streaming
  'bulk-export.e2e', // the gateway's file formats over the same lists paging tests on both engines
  'cache-normalization.e2e', // a normalized client cache
  'codegen', // generated client types
  'cors.browser', // Chromium on another origin
  'cors.e2e', // CORS headers
  'error-contract', // the error document against the tests' codes
  'explorer.browser', // the explorer page in Chromium
  'frontend-guide.e2e', // docs/frontend.md's snippets against the gateway
  'export.e2e', // /export's formats
  'gateway-memory.e2e', // the gateway process's caches under unique documents
  'list-sizes.e2e', // the cost model's estimates
  'observability.e2e', // logs, metrics and request ids
  'packages', // the workspace layout
  'partial-results.e2e', // the gateway's answer when a subgraph is down
  'rate-limit.e2e', // the gateway's rate limit
  'relay', // relay-compiler over the schema
  'request.e2e', // GraphQL over HTTP request handling
  'response-cache-redis.e2e', // the response cache in Redis
  'response-cache.e2e', // the response cache
  'schema-contract', // the released schema and changelog
  'seed-notes', // the seeds' notes against the texts
  'supervisor.e2e', // npm start's supervisor
  'tracing.e2e', // trace propagation
  'trusted-documents.e2e', // persisted documents
];

module.exports = {
  ...require('./package.json').jest,
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', ...ENGINE_INDEPENDENT.map((name) => `/test/${name.replace('.', '\\.')}\\.test\\.ts$`)],
};
