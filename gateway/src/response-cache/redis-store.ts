import type { Logger } from '@hsg/core';
import { redisClient } from '../redis-client';
import type { CacheStore, Lookup } from './store';

/** Every key of the cache starts so; a tag's set of entry keys is `<prefix>tag:<tag>`. */
const PREFIX = 'hsg:rc:';
const GENERATION = `${PREFIX}generation`;
const tagKey = (tag: string) => `${PREFIX}tag:${tag}`;

/** Stores only if no invalidation happened since the lookup, and indexes the entry under its tags, atomically. */
const SET = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  if redis.call('PTTL', KEYS[i]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return 1`;

/** Bumps the generation and drops every entry of every tag, atomically: no replica reads one afterwards. */
const INVALIDATE = `
redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  local keys = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #keys do redis.call('DEL', keys[j]) end
  redis.call('DEL', KEYS[i])
end
return 1`;

/** Drops every key of the cache (after Redis was unreachable for an invalidation). */
const FLUSH = `
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = page[1]
  for i = 1, #page[2] do redis.call('DEL', page[2][i]) end
until cursor == '0'
redis.call('INCR', KEYS[1])
return 1`;

export class RedisTimeout extends Error {}

/** The call's answer, or a RedisTimeout after `ms` (a late answer is ignored): a stalled Redis never stalls a request. */
function within<T>(call: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeout(`Redis did not answer ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

export interface RedisStoreOptions {
  url: string;
  logger: Logger;
  /** A call taking longer fails, and the request is answered uncached. */
  timeoutMs?: number;
}

/**
 * The cache in Redis, shared by every gateway replica: a write through any replica invalidates
 * for all. While Redis cannot be reached every call fails at once (no offline queue), the gateway
 * answers uncached, and the client reconnects in the background. An invalidation that could not
 * reach Redis leaves entries there that may be stale, so the first call after it is back drops
 * the whole cache first.
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis';
  private readonly client: ReturnType<typeof redisClient>;
  private missedInvalidation = false;
  private down = false;
  private readonly timeoutMs: number;

  constructor(private readonly options: RedisStoreOptions) {
    this.timeoutMs = options.timeoutMs ?? 500;
    this.client = redisClient(options.url);
    this.client.on('error', (err: Error) => {
      if (this.down) return;
      this.down = true;
      options.logger.warn(
        { err: err.message, redis: options.url },
        'response cache: Redis unreachable; answering uncached until it is back',
      );
    });
    this.client.on('ready', () => {
      if (this.down) options.logger.info({ redis: options.url }, 'response cache: Redis is back');
      this.down = false;
    });
  }

  /** Connects, waiting at most `waitMs`; a gateway starts even when Redis is down (and answers uncached). */
  async connect(waitMs = 2000): Promise<void> {
    const connecting = this.client.connect().catch(() => undefined);
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  private async ready(): Promise<void> {
    if (!this.missedInvalidation) return;
    await within(this.client.eval(FLUSH, { keys: [GENERATION], arguments: [`${PREFIX}*`] }), this.timeoutMs * 4, 'a flush');
    this.missedInvalidation = false;
    this.options.logger.warn('response cache: dropped every entry, since an invalidation could not reach Redis');
  }

  async get(key: string): Promise<Lookup> {
    await this.ready();
    const [value, generation] = await within(this.client.mGet([PREFIX + key, GENERATION]), this.timeoutMs, 'a lookup');
    return { value: value ?? null, generation: generation ?? '0' };
  }

  async set(key: string, value: string, tags: string[], ttlMs: number, generation: string): Promise<boolean> {
    await this.ready();
    const stored = await within(
      this.client.eval(SET, { keys: [GENERATION, PREFIX + key, ...tags.map(tagKey)], arguments: [generation, value, String(ttlMs)] }),
      this.timeoutMs,
      'a store',
    );
    return stored === 1;
  }

  async invalidate(tags: string[]): Promise<void> {
    try {
      await this.ready();
      await within(this.client.eval(INVALIDATE, { keys: [GENERATION, ...tags.map(tagKey)] }), this.timeoutMs, 'an invalidation');
    } catch (e) {
      this.missedInvalidation = true;
      throw e;
    }
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
    else this.client.destroy();
  }
}
