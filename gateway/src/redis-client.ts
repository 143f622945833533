import { createClient } from 'redis';

/**
 * A Redis connection as the gateway's users of Redis (the response cache, the rate limits) want
 * it: a call fails at once while Redis is unreachable (no offline queue, which would stall
 * requests behind it), and the client reconnects in the background, backing off up to 2 s.
 */
export function redisClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
  });
}
