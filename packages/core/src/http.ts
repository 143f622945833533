import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext as ApolloContext, type HTTPGraphQLRequest } from '@apollo/server';
import { AuthenticationError, createTokenVerifier, type TokenVerifier } from './auth';
import { answerClientError, MAX_HEADER_BYTES } from './client-error';
import { addVary, type CorsPolicy } from './cors';
import { nestsDeeperThan, tooDeepMessage } from './json-depth';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { DEFAULT_SLOW_REQUEST_MS, observabilityPlugin, observeContext, type Observed } from './observe';
import { requestIdOf, requestInfo, type RequestInfo } from './request';
import { endRequestSpan, startRequestSpan } from './tracing';

/** How long stop() lets requests in flight finish before it cuts their connections. */
const STOP_GRACE_MS = 5000;

/** Requests larger than this are refused before parsing: no query needs a megabyte. */
export const MAX_BODY_BYTES = 1_000_000;

export interface RunningServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export interface ServeOptions<C extends ApolloContext> {
  apollo: ApolloServer<C>;
  /** The per-request context, from what the HTTP layer read off the request (see RequestInfo). */
  context: (info: RequestInfo) => Promise<C>;
  logger: Logger;
  host: string;
  port: number;
  /**
   * Answers /_readiness: true once the server can answer queries (e.g. its database answers), or
   * a report whose other fields (which parts are down) go into the response.
   */
  ready: () => Promise<boolean | ReadinessReport>;
  /**
   * Answers /_health (liveness, not readiness): false, or a report with `alive: false`, when the
   * process is up but wedged (its database work stuck past a deadline), so a supervisor replaces
   * it. Without it the process is alive while it answers at all.
   */
  alive?: () => boolean | LivenessReport;
  /** Largest request body; defaults to MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /** Checks bearer tokens (see createTokenVerifier); without one, any token is refused and only anonymous requests are served. */
  verifier?: TokenVerifier;
  /** Extra routes (the gateway's explorer and export); return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo) => Promise<boolean>;
  /** The process's metrics, served at /metrics; defaults to a registry of its own. */
  metrics?: Metrics;
  /** GraphQL requests taking longer are logged at warn instead of info; defaults to DEFAULT_SLOW_REQUEST_MS. */
  slowRequestMs?: number;
  /** Which browser origins may call (./cors.ts); without it no answer carries CORS headers. */
  cors?: CorsPolicy;
}

export interface LivenessReport {
  alive: boolean;
  [detail: string]: unknown;
}

export interface ReadinessReport {
  ready: boolean;
  [detail: string]: unknown;
}

export class BodyTooLarge extends Error {}
export class BodyNotUtf8 extends Error {}

/** Past this much, an oversized body is no longer drained but the connection is dropped. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Reads a request body up to `maxBytes`; rejects with BodyTooLarge beyond it and with BodyNotUtf8
 * when it is not UTF-8. An oversized body is read to its end and discarded before the rejection,
 * so the 413 reaches the client over a clean connection instead of a TCP reset.
 */
export function readBody(req: IncomingMessage, maxBytes: number = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        if (size > DRAIN_LIMIT_BYTES) req.destroy();
      } else if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return reject(new BodyTooLarge());
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new BodyNotUtf8());
      }
    });
    req.on('error', reject);
  });
}

/** Answers a body readBody refused; true when it was one of its errors. */
export function refuseBody(res: ServerResponse, e: unknown, maxBytes: number): boolean {
  if (e instanceof BodyTooLarge) {
    graphqlError(
      res,
      413,
      'BAD_REQUEST',
      `Request body exceeds ${maxBytes} bytes. Send a smaller query or fewer variables. (MAX_BODY_BYTES)`,
    );
    return true;
  }
  if (e instanceof BodyNotUtf8) {
    graphqlError(res, 400, 'BAD_REQUEST', 'The request body is not valid UTF-8. Send the JSON encoded as UTF-8.');
    return true;
  }
  return false;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A path no route serves: a 404 with a GraphQL-shaped body naming the endpoint. */
export function noRoute(res: ServerResponse, url: URL): void {
  graphqlError(res, 404, 'NOT_FOUND', `Nothing at ${url.pathname.slice(0, 200)}. The GraphQL endpoint is /graphql.`);
}

/**
 * Answers with a GraphQL-shaped error body, so every client parses errors the same way. A client
 * that accepts application/graphql-response+json (Apollo Client 4 asks for it first) gets that
 * type, as Apollo Server answers it: a client reads the errors of a non-2xx answer only under it
 * (GraphQL over HTTP), so it sees the code of a refused token or a rate limit as GraphQL errors.
 */
export function graphqlError(res: ServerResponse, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
  const type = acceptsGraphQLResponse(res.req) ? 'application/graphql-response+json' : 'application/json';
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(body);
}

/** Whether a request's Accept names application/graphql-response+json (without q=0). */
function acceptsGraphQLResponse(req: IncomingMessage | undefined): boolean {
  const accept = req?.headers.accept;
  if (typeof accept !== 'string' || accept.length > 1000) return false;
  return accept
    .toLowerCase()
    .split(',')
    .some((part) => {
      const [type, ...params] = part.split(';').map((p) => p.trim());
      return type === 'application/graphql-response+json' && !params.some((p) => /^q=0(\.0*)?$/.test(p));
    });
}

/**
 * The request as Apollo Server's HTTP handling takes it (so CSRF prevention, batching and GET
 * rules apply), or the message of a 400 when a JSON body does not parse.
 */
export function toHttpGraphQLRequest(req: IncomingMessage, url: URL, raw: string): HTTPGraphQLRequest | string {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = raw;
  if (req.method === 'POST' && (headers.get('content-type') ?? '').includes('application/json')) {
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return 'The request body is not valid JSON. Send {"query": "…", "variables": {…}}.';
    }
    if (nestsDeeperThan(body)) return tooDeepMessage('The request body');
  }
  // A GET carries its variables and extensions as JSON in the URL; Apollo parses them later, and
  // one that does not parse is left to its 400.
  for (const part of ['variables', 'extensions']) {
    const text = url.searchParams.get(part);
    if (text === null) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (nestsDeeperThan(value)) return tooDeepMessage(`"${part}"`);
  }
  return { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body };
}

/**
 * Serves an Apollo Server over node:http with the routes every process has: `/graphql`,
 * `/_health` (the process is up), `/_readiness` (it can answer) and `/metrics` (Prometheus text).
 * Each `/graphql` request is measured and logged once, when its response is finished: one line
 * with the operation name, HTTP status, duration and request id. Apollo's own HTTP handling
 * (`executeHTTPGraphQLRequest`) does the GraphQL part, so content negotiation, CSRF prevention
 * and batching behave as in any Apollo integration. Port 0 picks a free port.
 */
export async function serve<C extends ApolloContext>(options: ServeOptions<C>): Promise<RunningServer> {
  const { apollo } = options;
  const verifier = options.verifier ?? createTokenVerifier(null);
  const metrics = options.metrics ?? new Metrics('graphql');
  const slowRequestMs = options.slowRequestMs ?? DEFAULT_SLOW_REQUEST_MS;
  apollo.addPlugin(observabilityPlugin(metrics));
  await apollo.start();

  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const handler = async (req: IncomingMessage, res: ServerResponse, requestId: string, observed: Observed) => {
    // First, so every route's answer carries the headers and a preflight never reaches CSRF prevention.
    if (options.cors?.apply(req, res)) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return graphqlError(res, 400, 'BAD_REQUEST', 'The request target is not a valid URL path. The GraphQL endpoint is /graphql.');
    }
    if (url.pathname === '/_health') {
      const result = options.alive?.() ?? true;
      const { alive, ...details } = typeof result === 'boolean' ? { alive: result } : result;
      return sendJson(res, alive ? 200 : 503, { status: alive ? 'ok' : 'wedged', ...details });
    }
    if (url.pathname === '/_readiness') {
      const result = await options.ready().catch((e: Error): ReadinessReport => ({ ready: false, error: e.message }));
      const { ready, ...details } = typeof result === 'boolean' ? { ready: result } : result;
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...details });
    }
    if (url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      // A HEAD learns the type without the registry being collected.
      return res.end(req.method === 'HEAD' ? undefined : await metrics.registry.metrics());
    }
    let info: RequestInfo;
    try {
      info = await requestInfo(req, requestId, verifier);
    } catch (e) {
      // A bad token is refused even on reads, so a client learns at once that its token is wrong.
      if (!(e instanceof AuthenticationError)) throw e;
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      return graphqlError(res, 401, 'UNAUTHENTICATED', e.message);
    }
    if (options.routes && (await options.routes(req, res, url, info))) return;
    if (url.pathname !== '/graphql') return noRoute(res, url);
    // A HEAD has no operation to run (Apollo would refuse it only after reading a body).
    if (req.method === 'HEAD') {
      res.setHeader('allow', 'GET, POST');
      return graphqlError(res, 405, 'BAD_REQUEST', 'Use GET or POST for /graphql, not HEAD.');
    }

    let raw: string;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (e) {
      if (refuseBody(res, e, maxBodyBytes)) return;
      throw e;
    }
    const httpGraphQLRequest = toHttpGraphQLRequest(req, url, raw);
    if (typeof httpGraphQLRequest === 'string') return graphqlError(res, 400, 'BAD_REQUEST', httpGraphQLRequest);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => observeContext(await options.context(info), observed),
    });
    for (const [key, value] of response.headers) {
      if (key === 'vary') addVary(res, value);
      else res.setHeader(key, value);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  // Node answers a header past maxHeaderSize itself, with an empty 431 (and a reset when the client
  // is still sending); answerClientError gives it, and every other unparsable request, a body.
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    // A request refused before Apollo saw it (bad token, body too large, rate limit) keeps these.
    const observed: Observed = { requestId, operation: null, outcome: 'rejected' };
    const traced = startRequestSpan(metrics.service, req.method ?? 'GET', (req.url ?? '/').split('?')[0], req.headers);
    res.once('close', () => {
      if (traced)
        endRequestSpan(traced.span, res.statusCode, { 'hsg.request_id': requestId, 'graphql.operation.name': observed.operation ?? '' });
      if (!/^\/graphql(\?|$)/.test(req.url ?? '')) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = metrics.operationLabel(observed.operation);
      metrics.requestDuration.observe({ operation, outcome: observed.outcome }, seconds);
      const durationMs = Math.round(seconds * 1e6) / 1e3;
      const line = {
        requestId,
        operation: observed.operation,
        outcome: observed.outcome,
        status: res.statusCode,
        durationMs,
        ...(traced?.traceId ? { traceId: traced.traceId } : {}),
      };
      // The plan is formatted only for the few slow lines; the logger cuts it at LOG_MAX_FIELD_CHARS.
      if (durationMs > slowRequestMs) options.logger.warn({ ...line, queryPlan: observed.queryPlan?.() }, 'slow request');
      else options.logger.info(line, 'request');
    });
    const handle = () => handler(req, res, requestId, observed);
    (traced ? traced.run(handle) : handle()).catch((err: unknown) => {
      // Outside GraphQL nothing else would log it: log it with an id the client is given.
      const errorId = randomUUID();
      options.logger.error({ errorId, requestId, err, method: req.method, url: req.url?.slice(0, 200) }, 'unexpected error');
      if (!res.headersSent) {
        graphqlError(
          res,
          500,
          'INTERNAL_SERVER_ERROR',
          `Internal server error (id ${errorId}). The error has been logged; quote the id when reporting it.`,
          { errorId },
        );
      } else res.end();
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    // Graceful, so a replica can leave a load balancer's pool without failing a request: no new
    // connections, idle keep-alive ones closed (as each in-flight request finishes, its connection
    // becomes idle and is closed too), and whatever is still running after the grace period is cut.
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      const deadline = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
      await apollo.stop();
    },
  };
}
