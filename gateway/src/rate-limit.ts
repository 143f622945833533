import type { ServerResponse } from 'node:http';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { graphqlError, type Logger, type RequestInfo } from '@hsg/core';
import { LRUCache } from 'lru-cache';
import { RATE_LIMIT_BYTES } from './memory-budget';
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

/** The length of a window: limits are per minute. */
const WINDOW_MS = 60_000;

/** What one caller's window holds besides its key's text: the entry, its counter and its timer slot. */
const WINDOW_BYTES = 96;

/** What a consumed request learns: whether it may run, what is left, and when the window ends. */
interface Spent {
  allowed: boolean;
  remaining: number;
  msBeforeNext: number;
}

/**
 * Fixed one-minute windows in this process's memory, bounded in bytes (RATE_LIMIT_BYTES): a
 * window per key for every caller seen in the last minute would otherwise grow with the number of
 * addresses that call. Past the bound the least recently seen caller's window is forgotten.
 */
export class MemoryWindows {
  private readonly windows: LRUCache<string, { used: number; endsAt: number }>;

  /** Callers whose window is kept now. */
  get size(): number {
    return this.windows.size;
  }

  constructor(
    private readonly points: number,
    maxBytes: number,
  ) {
    this.windows = new LRUCache({ maxSize: maxBytes, sizeCalculation: (_window, key) => key.length * 2 + WINDOW_BYTES });
  }

  consume(key: string): Spent {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) this.windows.set(key, (window = { used: 0, endsAt: now + WINDOW_MS }));
    window.used++;
    return { allowed: window.used <= this.points, remaining: Math.max(0, this.points - window.used), msBeforeNext: window.endsAt - now };
  }
}

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
  /** Consumes a request of `key`: in Redis while it answers, else (and without Redis) in this process's windows. */
  const limiter = (points: number, name: string): ((key: string) => Promise<Spent>) | null => {
    if (points <= 0) return null;
    // Each limit gets half the bytes: agencies and addresses are counted apart.
    const memory = new MemoryWindows(points, RATE_LIMIT_BYTES / 2);
    if (!client) return async (key) => memory.consume(key);
    const redis = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${PREFIX}:${name}`,
      points,
      duration: WINDOW_MS / 1000,
    });
    return async (key) => {
      try {
        const state = await redis.consume(key);
        return { allowed: true, remaining: state.remainingPoints, msBeforeNext: state.msBeforeNext };
      } catch (e) {
        if (e instanceof RateLimiterRes) return { allowed: false, remaining: 0, msBeforeNext: e.msBeforeNext };
        return memory.consume(key); // Redis is down or not ready yet
      }
    };
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
    const spent = await counter(key);
    res.setHeader('ratelimit-limit', String(limit));
    res.setHeader('ratelimit-remaining', String(spent.remaining));
    if (spent.allowed) return false;
    const retryAfter = Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
    res.setHeader('retry-after', String(retryAfter));
    graphqlError(res, 429, 'RATE_LIMITED', `Rate limit reached: ${limit} requests per minute for ${who}. Retry after ${retryAfter} s.`, {
      retryAfter,
    });
    return true;
  };
  const close = async () => {
    if (!client) return;
    if (client.isOpen) await client.close();
    else client.destroy();
  };
  return { check, close };
}
