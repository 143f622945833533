import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The label every operation without a usable name shares: anonymous operations, names past
 * MAX_OPERATION_LABELS and names longer than MAX_OPERATION_NAME_CHARS. A GraphQL name cannot
 * start with "(", so no real operation is counted under it.
 */
export const OTHER_OPERATION = '(other)';

/** Distinct operation names a process labels before the rest share OTHER_OPERATION. */
export const MAX_OPERATION_LABELS = 100;
const MAX_OPERATION_NAME_CHARS = 100;

/** Request and fetch latencies, in seconds: from a cached lookup to a subgraph timeout. */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** SQL statements on an embedded SQLite mostly take well under a millisecond. */
const SQL_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];

/**
 * The metrics of one process (the gateway or one subgraph), served at /metrics by serve(). Each
 * server gets its own registry, labelled with its name, so the tests' six servers in one process
 * keep apart as six processes do. prom-client reaches the network only through its Pushgateway,
 * which nothing here uses.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  /** Its `_count` is the request count. */
  readonly requestDuration = new Histogram({
    name: 'hsg_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name and outcome (ok, error: executed with errors, rejected: refused before execution)',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'hsg_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'hsg_operations_rejected_total',
    help: 'Operations refused by a limit (MAX_QUERY_DEPTH, MAX_ALIASES, MAX_COST, ...)',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  readonly subgraphFetchDuration = new Histogram({
    name: 'hsg_subgraph_fetch_duration_seconds',
    help: 'Requests the gateway sent to each subgraph (failed ones included)',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly subgraphFetchErrors = new Counter({
    name: 'hsg_subgraph_fetch_errors_total',
    help: 'Subgraph requests that failed (TIMEOUT, HTTP_ERROR, UNREACHABLE), by subgraph',
    labelNames: ['subgraph', 'reason'] as const,
    registers: [this.registry],
  });
  readonly queryPlanCache = new Counter({
    name: 'hsg_query_plan_cache_lookups_total',
    help: "Lookups in the gateway's query-plan cache, by result (hit: planned before; miss: planned now)",
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  /** The gateway's response cache: hit, miss, bypass (not cacheable), unavailable (store down: answered uncached). */
  readonly responseCache = new Counter({
    name: 'hsg_response_cache_requests_total',
    help: 'GraphQL requests by what the response cache did: hit, miss, bypass, unavailable',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly responseCacheErrors = new Counter({
    name: 'hsg_response_cache_errors_total',
    help: 'Response cache store calls that failed (get, set, invalidate)',
    labelNames: ['call'] as const,
    registers: [this.registry],
  });
  /** Its `_count` is the statement count. */
  readonly sqlDuration = new Histogram({
    name: 'hsg_sql_statement_duration_seconds',
    help: 'SQL statements the subgraph ran, by outcome (ok, error)',
    labelNames: ['outcome'] as const,
    buckets: SQL_BUCKETS,
    registers: [this.registry],
  });

  /** `service` is the process's name: "gateway" or the subgraph's. */
  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The label of an operation name: itself while few distinct names have been seen, else OTHER_OPERATION. */
  operationLabel(name: string | null | undefined): string {
    if (!name || name.length > MAX_OPERATION_NAME_CHARS) return OTHER_OPERATION;
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_LABELS) return OTHER_OPERATION;
    this.operationNames.add(name);
    return name;
  }
}
