import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Which browser origins may read the gateway's answers: `*` (any), exact origins such as
 * `https://app.example.org`, or an origin whose port is `*` (`http://localhost:*`, any port).
 * Tokens travel in the Authorization header, never in cookies, so no answer carries
 * Access-Control-Allow-Credentials and `*` cannot open a cookie-authenticated session to a page.
 */
export type CorsOrigins = readonly string[];

/** Local dev servers (Vite's 5173, webpack's 8080, …) on this machine work without configuration. */
export const DEFAULT_CORS_ORIGINS: CorsOrigins = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

/**
 * What a page may send beyond the CORS-safelisted headers. `last-event-id` is how a fetch-based
 * stream client resumes a change stream (EventSource sends it without a preflight).
 */
export const CORS_ALLOW_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-request-id',
  'traceparent',
  'last-event-id',
];

/** What a page may read beyond the CORS-safelisted headers: caching, backing off, quoting a request, the schema's version. */
export const CORS_EXPOSE_HEADERS = [
  'etag',
  'ratelimit-limit',
  'ratelimit-remaining',
  'retry-after',
  'x-request-id',
  'x-cache',
  'x-schema-version',
];

/** How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 7200). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** The reason an entry of CORS_ORIGINS is not one, or null when it is. */
export function corsOriginProblem(entry: string): string | null {
  if (entry === '*') return null;
  const match = /^(https?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}|\*))?$/i.exec(entry);
  if (!match)
    return `"${entry}" is not an origin: write scheme://host[:port] with no path, e.g. https://app.example.org or http://localhost:*`;
  if (match[3] && match[3] !== '*' && Number(match[3]) > 65535) return `"${entry}" has a port above 65535`;
  return null;
}

export interface CorsPolicy {
  /**
   * Sets the CORS headers of any answer, and answers a preflight (OPTIONS with
   * Access-Control-Request-Method) in full; true when it did, so nothing else runs for it (Apollo's
   * CSRF prevention would refuse a preflight, which carries no GraphQL request).
   */
  apply(req: IncomingMessage, res: ServerResponse): boolean;
  allows(origin: string): boolean;
}

export function corsPolicy(origins: CorsOrigins = DEFAULT_CORS_ORIGINS): CorsPolicy {
  const any = origins.includes('*');
  const exact = new Set(origins.filter((o) => !o.endsWith(':*')).map((o) => o.toLowerCase()));
  const anyPort = origins.filter((o) => o.endsWith(':*')).map((o) => o.slice(0, -2).toLowerCase());
  const allows = (origin: string) => {
    if (any) return true;
    const lower = origin.toLowerCase();
    if (exact.has(lower)) return true;
    // http://localhost:* takes http://localhost (the default port) and http://localhost:<digits>.
    return anyPort.some((base) => lower === base || (lower.startsWith(`${base}:`) && /^\d{1,5}$/.test(lower.slice(base.length + 1))));
  };
  return {
    allows,
    apply(req, res) {
      // Every answer depends on Origin, allowed or not, so a shared cache never hands one origin's
      // answer (with its Access-Control-Allow-Origin) to another.
      res.setHeader('vary', 'Origin');
      const origin = req.headers.origin;
      const allowed = typeof origin === 'string' && allows(origin);
      const preflight =
        req.method === 'OPTIONS' && typeof origin === 'string' && req.headers['access-control-request-method'] !== undefined;
      if (allowed) {
        res.setHeader('access-control-allow-origin', any ? '*' : origin);
        res.setHeader('access-control-expose-headers', CORS_EXPOSE_HEADERS.join(', '));
      }
      if (!preflight) return false;
      if (!allowed) {
        res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            errors: [
              {
                message: `Origin ${origin.slice(0, 200)} is not allowed to call this API from a browser. The operator lists allowed origins in CORS_ORIGINS.`,
                extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
              },
            ],
          }),
        );
        return true;
      }
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', CORS_ALLOW_HEADERS.join(', '));
      res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
      res.writeHead(204);
      res.end();
      return true;
    },
  };
}

/** Adds `value` to a response's Vary without dropping what is there (the response cache varies by authorization). */
export function addVary(res: ServerResponse, value: string): void {
  const current = res.getHeader('vary');
  const parts = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.some((p) => p.toLowerCase() === value.toLowerCase())) parts.push(value);
  res.setHeader('vary', parts.join(', '));
}
