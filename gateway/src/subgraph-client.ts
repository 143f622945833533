import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { injectTraceContext, type Logger, type Metrics, type RequestInfo } from '@hsg/core';
import { GraphQLError, Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/** The code of every error standing for a part of the response a subgraph did not deliver. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** At most this many errors stand for one failed fetch (an entity fetch can cover hundreds of objects). */
const MAX_ERRORS_PER_FETCH = 100;

export interface SubgraphClientOptions {
  name: string;
  url: string;
  /** Whole request, headers and body, in milliseconds. */
  timeoutMs: number;
  logger: Logger;
  /** The gateway's metrics: each fetch's duration, and its failure by reason. */
  metrics: Metrics;
  /** Keep-alive connections, shared by the gateway's clients (see subgraphAgents). */
  agents: SubgraphAgents;
}

export interface SubgraphAgents {
  http: HttpAgent;
  https: HttpsAgent;
  destroy: () => void;
}

/**
 * Connections to the subgraphs are kept open between requests (no TCP handshake per fetch);
 * `lifo` reuses the most recently used socket, so idle ones time out instead of all staying warm.
 */
export function subgraphAgents(): SubgraphAgents {
  const options = { keepAlive: true, scheduling: 'lifo' as const, timeout: 60_000 };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return { http, https, destroy: () => (http.destroy(), https.destroy()) };
}

/**
 * Sends each distinct entity representation of an `_entities` fetch once (Apollo Gateway repeats a
 * representation for every place the entity occurs: the headline's 26 projects name 7 distinct
 * facilities), and returns a function spreading the answer back over the original positions.
 */
export function collapseRepresentations(
  representations: unknown[],
): { distinct: unknown[]; spread: (r: GatewayGraphQLResponse) => GatewayGraphQLResponse } | null {
  const index = new Map<string, number>();
  const distinct: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let at = index.get(key);
    if (at === undefined) {
      index.set(key, (at = distinct.length));
      distinct.push(representation);
    }
    return at;
  });
  if (distinct.length === representations.length) return null;
  return {
    distinct,
    spread: (response) => {
      const entities = (response.data as { _entities?: unknown[] } | null | undefined)?._entities;
      const data = Array.isArray(entities) ? { ...response.data, _entities: positions.map((at) => entities[at]) } : response.data;
      const errors = response.errors?.flatMap((error) => {
        const [root, at, ...rest] = error.path ?? [];
        if (root !== '_entities' || typeof at !== 'number') return [error];
        return positions.flatMap((p, original) => (p === at ? [{ ...error, path: ['_entities', original, ...rest] }] : []));
      });
      return { ...response, data, ...(errors ? { errors } : {}) };
    },
  };
}

/** What the gateway sends a subgraph, and what it takes back. */
type GatewayGraphQLRequest = GraphQLDataSourceProcessOptions<RequestInfo>['request'];
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
/** The client's request, or nothing for the gateway's own requests (its health check). */
type FetchContext = GraphQLDataSourceProcessOptions<RequestInfo>['context'];
const clientRequestOf = (context: FetchContext): RequestInfo | undefined => ('requestId' in context ? (context as RequestInfo) : undefined);

/** Why a fetch failed, in words a client can act on, and a short machine-readable reason. */
function describe(error: unknown, timeoutMs: number): { reason: string; message: string } {
  const e = error as {
    name?: string;
    code?: string;
    extensions?: { response?: { status?: number; body?: { errors?: { message?: string }[] } } };
  };
  if (e.name === 'BadResponseError')
    return { reason: 'BAD_RESPONSE', message: `answered something other than a GraphQL response (${(error as Error).message})` };
  if (e.name === 'TimeoutError') {
    return { reason: 'TIMEOUT', message: `did not answer within ${timeoutMs} ms` };
  }
  const status = e.extensions?.response?.status;
  if (status) {
    const said = e.extensions?.response?.body?.errors?.[0]?.message;
    return { reason: 'HTTP_ERROR', message: `answered HTTP ${status}${said ? ` ("${said.slice(0, 300)}")` : ''}` };
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'ENOTFOUND') {
    return { reason: 'UNREACHABLE', message: `could not be reached (${e.code})` };
  }
  return { reason: 'UNREACHABLE', message: 'could not be reached' };
}

/** Response keys of the fields a selection set asks for (inline fragments opened, `__typename` left out). */
function responseKeys(set: SelectionSetNode, typeName?: string): string[] {
  const keys: string[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value !== '__typename') keys.push(sel.alias?.value ?? sel.name.value);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (!typeName || !sel.typeCondition || sel.typeCondition.name.value === typeName)
        keys.push(...responseKeys(sel.selectionSet, typeName));
    }
  }
  return [...new Set(keys)];
}

/**
 * One error per part of the response the failed fetch would have filled: each root field of a
 * root fetch, each field of each entity of an `_entities` fetch. The gateway turns the
 * `_entities` paths into paths of the client's response, and adds `serviceName`.
 */
export function failureErrors(
  subgraph: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  failure: { reason: string; message: string },
): GraphQLFormattedError[] {
  const message = `The ${subgraph} subgraph ${failure.message}; this part of the response is missing. The rest is complete; retry later for this part.`;
  const extensions = { code: SUBGRAPH_UNAVAILABLE, reason: failure.reason };
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [{ message, extensions }];
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  const errors: GraphQLFormattedError[] = [];
  if (entities?.kind === Kind.FIELD && entities.selectionSet) {
    const representations = (variables?.representations as { __typename?: string }[] | undefined) ?? [];
    for (let i = 0; i < representations.length && errors.length < MAX_ERRORS_PER_FETCH; i++) {
      for (const key of responseKeys(entities.selectionSet, representations[i].__typename)) {
        errors.push({ message, path: ['_entities', i, key], extensions });
      }
    }
  } else {
    for (const key of responseKeys(operation.selectionSet)) errors.push({ message, path: [key], extensions });
  }
  return errors.length ? errors.slice(0, MAX_ERRORS_PER_FETCH) : [{ message, extensions }];
}

/** What a subgraph answered over HTTP. */
interface SubgraphHttpResponse {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

/** A deadline passed (post's timer), told apart by describe(). */
class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** A 2xx answer that is no GraphQL response (a proxy's page, a cut body). */
class BadResponseError extends Error {
  override name = 'BadResponseError';
}

/**
 * One POST over a kept-alive connection, answered when the whole body has arrived; `timeoutMs`
 * bounds the whole exchange. Plain `node:http`: the fetch implementations build a Request, a
 * Headers and an AbortSignal per call, which measured more gateway CPU than the call itself.
 */
function post(
  url: URL,
  agents: SubgraphAgents,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SubgraphHttpResponse> {
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', agent: https ? agents.https : agents.http, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          contentType: res.headers['content-type'] ?? '',
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(body);
  });
}

/** A subgraph's HTTP error as Apollo Gateway's own data source reports it (status and body under extensions.response). */
function httpError(url: URL, res: SubgraphHttpResponse): GraphQLError {
  let body: unknown = res.text;
  if (res.contentType.startsWith('application/json') || res.contentType.startsWith('application/graphql-response+json')) {
    try {
      body = JSON.parse(res.text);
    } catch {
      // kept as text
    }
  }
  return new GraphQLError(`${res.status}: ${res.statusText}`, {
    extensions: { response: { url: url.href, status: res.status, statusText: res.statusText, body } },
  });
}

/** A GraphQL response's JSON object, or a BadResponseError saying what came instead. */
function parseResponse(res: SubgraphHttpResponse): GatewayGraphQLResponse {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    throw new BadResponseError(`${res.contentType || 'no content type'}, ${res.text.length} bytes`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadResponseError('JSON that is no object');
  return body as GatewayGraphQLResponse;
}

/**
 * The gateway's HTTP client for one subgraph: each request with a deadline over keep-alive
 * connections, and a failed request (refused, reset, timed out, HTTP error) turned into typed,
 * located errors instead of a thrown exception: the gateway then answers every other part of the
 * query and names what is missing, as Apollo Router does.
 */
export class SubgraphClient implements GraphQLDataSource<RequestInfo> {
  private readonly url: URL;

  constructor(private readonly options: SubgraphClientOptions) {
    this.url = new URL(options.url);
  }

  async process(options: GraphQLDataSourceProcessOptions<RequestInfo>): Promise<GatewayGraphQLResponse> {
    const representations = options.request.variables?.representations;
    const collapsed = Array.isArray(representations) ? collapseRepresentations(representations) : null;
    if (!collapsed) return this.send(options.request, options.context);
    const request = { ...options.request, variables: { ...options.request.variables, representations: collapsed.distinct } };
    return collapsed.spread(await this.send(request, options.context));
  }

  /**
   * Sends on the request id, the caller's credentials and the trace context (`traceparent` of the
   * gateway.fetch span): a subgraph logs under the client's id, verifies the same token itself and
   * traces its part as a child of this fetch.
   */
  private headers(context: FetchContext): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    injectTraceContext({ set: (name, value) => (headers[name] = value) });
    const client = clientRequestOf(context);
    if (!client) return headers; // the gateway's own health check has no client request
    headers['x-request-id'] = client.requestId;
    if (client.authorization) headers.authorization = client.authorization;
    return headers;
  }

  private async send(request: GatewayGraphQLRequest, context: FetchContext): Promise<GatewayGraphQLResponse> {
    const { query, operationName, variables, extensions } = request;
    const { metrics, name: subgraph, timeoutMs } = this.options;
    const done = metrics.subgraphFetchDuration.startTimer({ subgraph });
    try {
      const res = await post(
        this.url,
        this.options.agents,
        this.headers(context),
        JSON.stringify({ query, operationName, variables, extensions }),
        timeoutMs,
      );
      if (res.status < 200 || res.status > 299) throw httpError(this.url, res);
      return parseResponse(res);
    } catch (error) {
      const failure = describe(error, timeoutMs);
      metrics.subgraphFetchErrors.inc({ subgraph, reason: failure.reason });
      const requestId = clientRequestOf(context)?.requestId;
      this.options.logger.warn({ requestId, subgraph, reason: failure.reason, err: error }, 'subgraph request failed');
      return { errors: failureErrors(subgraph, query ?? '', variables, failure) };
    } finally {
      done();
    }
  }
}
