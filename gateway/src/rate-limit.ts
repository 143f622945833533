import type { ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { graphqlError, type Logger, type RequestInfo } from '@hsg/core';
import { redisClient } from './redis-client';

/** Requests per minute: per agency (the token's `sub`) and per client address for anonymous requests; 0 is no limit. */
export interface RateLimits {
  agencyPerMinute: number;
  anonymousPerMinute: number;
  /**
   * Count in this Redis, so that every gateway replica spends one budget per caller; without it
   * each process counts its own (a caller behind a load balancer then gets the limit per replica).
   */
  redisUrl?: string;
}

/** Every key of the limiter starts so (the response cache's are `hsg:rc:`). */
const PREFIX = 'hsg:rl';

export interface RateLimiter {
  /**
   * Answers an over-limit request with 429 RATE_LIMITED and Retry-After, and says whether it did.
   * `address` is the client's (./client-address.ts), which counts anonymous requests.
   */
  check(address: string, res: ServerResponse, info: RequestInfo): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The gateway's per-caller limits over fixed one-minute windows: in Redis when `redisUrl` is set,
 * else in this process's memory. While Redis cannot be reached a replica counts in its own memory
 * (the same limits, per replica) rather than refusing or stalling requests, and goes back to
 * Redis once it answers again.
 */
export async function rateLimiter(limits: RateLimits, logger: Logger): Promise<RateLimiter> {
  const client = limits.redisUrl ? redisClient(limits.redisUrl) : null;
  if (client) {
    let down = false;
    client.on('error', (err: Error) => {
      if (!down)
        logger.warn(
          { err: err.message, redis: limits.redisUrl },
          'rate limits: Redis unreachable; counting in this process until it is back',
        );
      down = true;
    });
    client.on('ready', () => {
      if (down) logger.info({ redis: limits.redisUrl }, 'rate limits: Redis is back');
      down = false;
    });
    // A gateway starts even when Redis is down (and counts in memory meanwhile).
    const connecting = client.connect().catch(() => undefined);
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
  const limiter = (points: number, name: string): RateLimiterAbstract | null => {
    if (points <= 0) return null;
    const memory = new RateLimiterMemory({ points, duration: 60 });
    if (!client) return memory;
    return new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${PREFIX}:${name}`,
      points,
      duration: 60,
      insuranceLimiter: memory,
    });
  };
  const agencies = limiter(limits.agencyPerMinute, 'agency');
  const addresses = limiter(limits.anonymousPerMinute, 'address');

  const check = async (address: string, res: ServerResponse, info: RequestInfo): Promise<boolean> => {
    const { caller } = info;
    const [counter, key, who, limit] =
      caller.kind === 'agency'
        ? [agencies, caller.agency, `agency ${caller.agency}`, limits.agencyPerMinute]
        : [addresses, address, `anonymous requests from ${address}`, limits.anonymousPerMinute];
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
  const close = async () => {
    if (!client) return;
    if (client.isOpen) await client.close();
    else client.destroy();
  };
  return { check, close };
}
