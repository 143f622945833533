import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { graphqlError, type RequestInfo } from '@hsg/core';

/** Requests per minute: per agency (the token's `sub`) and per client address for anonymous requests; 0 is no limit. */
export interface RateLimits {
  agencyPerMinute: number;
  anonymousPerMinute: number;
}

/**
 * The gateway's per-caller limits, counted in this process's memory over fixed one-minute windows
 * (several gateway replicas each count their own). Returns a check that answers an over-limit
 * request with 429 RATE_LIMITED and Retry-After, and says whether it did.
 */
export function rateLimiter(limits: RateLimits) {
  const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: 60 }) : null);
  const agencies = limiter(limits.agencyPerMinute);
  const addresses = limiter(limits.anonymousPerMinute);

  return async (req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<boolean> => {
    const { caller } = info;
    const [counter, key, who, limit] =
      caller.kind === 'agency'
        ? [agencies, `agency:${caller.agency}`, `agency ${caller.agency}`, limits.agencyPerMinute]
        : [
            addresses,
            `address:${req.socket.remoteAddress}`,
            `anonymous requests from ${req.socket.remoteAddress}`,
            limits.anonymousPerMinute,
          ];
    if (!counter) return false;
    try {
      const state = await counter.consume(key);
      res.setHeader('ratelimit-limit', String(limit));
      res.setHeader('ratelimit-remaining', String(state.remainingPoints));
      return false;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const retryAfter = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      res.setHeader('retry-after', String(retryAfter));
      res.setHeader('ratelimit-limit', String(limit));
      res.setHeader('ratelimit-remaining', '0');
      graphqlError(res, 429, 'RATE_LIMITED', `Rate limit reached: ${limit} requests per minute for ${who}. Retry after ${retryAfter} s.`, {
        retryAfter,
      });
      return true;
    }
  };
}
