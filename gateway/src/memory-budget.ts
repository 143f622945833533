/**
 * What the gateway keeps between requests that callers can fill, each bounded in bytes (never in
 * entries: one caller's document can be a thousand times another's). Together 88 MiB (the cost
 * estimates are two caches of COST_ESTIMATE_BYTES each) beyond the response cache's own
 * RESPONSE_CACHE_MAX_BYTES (64 MiB by default, response-cache/store.ts); an anonymous caller
 * sending unique 900 KB documents grew the heap without bound when the prepared documents were
 * counted by entries. tests/test/gateway-memory.e2e.test.ts holds the gateway to it.
 */

/**
 * Parsed documents by query hash (Apollo Server's document store; its default is 30 MiB measured
 * as JSON, which counts neither the query text an AST keeps nor a node's real size: a 1,000-token
 * document takes ~170 KB of heap for ~50 KB of JSON). Measured with documentBytes().
 */
export const DOCUMENT_STORE_BYTES = 24 * 2 ** 20;

/** The response cache's documents with their key selections added (response-cache/plugin.ts), measured likewise. */
export const PREPARED_DOCUMENTS_BYTES = 16 * 2 ** 20;

/** Query plans (Apollo Gateway's default: 30 MiB of plans, measured as JSON). */
export const QUERY_PLAN_BYTES = 30 * 2 ** 20;

/** Cost estimates of registered documents, and apart actual costs of cacheable responses (cost.ts), each by key size. */
export const COST_ESTIMATE_BYTES = 4 * 2 ** 20;

/**
 * Rate-limit windows kept in this process (rate-limit.ts): ~100,000 callers at ~100 bytes each.
 * Past that the least recently seen caller's window is forgotten, which only ever lets a caller
 * through early; an attacker needs that many addresses within a minute to force it.
 */
export const RATE_LIMIT_BYTES = 10 * 2 ** 20;
