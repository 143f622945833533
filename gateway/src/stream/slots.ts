import type { ServerResponse } from 'node:http';
import { graphqlError, type Caller, type StreamLimits } from '@hsg/core';

/**
 * What a refused caller is told to wait. Streams free up when a client leaves, not on a clock; ten
 * seconds is long enough that a client retrying in a loop costs little.
 */
export const STREAM_RETRY_AFTER_SECONDS = 10;

/**
 * The change streams open now, by caller: an agency by the token's subject (however many tokens or
 * addresses it uses), an anonymous caller by its client address, the keys the rate limit counts
 * (../rate-limit.ts). Counted in this process: behind several gateway replicas a caller may hold
 * the bound at each.
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: StreamLimits) {}

  /** Streams open now, in all. */
  get size(): number {
    return this.total;
  }

  /**
   * Takes a slot, or answers 429 RATE_LIMITED with Retry-After (naming the bound) and returns null.
   * The returned function gives the slot back; calling it again does nothing.
   */
  acquire(caller: Caller, address: string, res: ServerResponse): (() => void) | null {
    const [key, who] = caller.kind === 'agency' ? [`agency:${caller.agency}`, `agency ${caller.agency}`] : [`address:${address}`, address];
    const mine = this.open.get(key) ?? 0;
    const refusal =
      mine >= this.limits.perCaller
        ? {
            limit: 'STREAMS_PER_CALLER',
            message: `${this.limits.perCaller} change streams at a time are open to ${caller.kind === 'agency' ? who : `anonymous requests from ${who}`}, and that many are open. Close one (a client that disconnects frees its stream at once), or retry after ${STREAM_RETRY_AFTER_SECONDS} s.`,
          }
        : this.total >= this.limits.total
          ? {
              limit: 'STREAMS_MAX',
              message: `This gateway holds ${this.limits.total} change streams at a time, and that many are open. Retry after ${STREAM_RETRY_AFTER_SECONDS} s.`,
            }
          : null;
    if (refusal) {
      res.setHeader('retry-after', String(STREAM_RETRY_AFTER_SECONDS));
      graphqlError(res, 429, 'RATE_LIMITED', `${refusal.message} (${refusal.limit})`, {
        retryAfter: STREAM_RETRY_AFTER_SECONDS,
        limit: refusal.limit,
      });
      return null;
    }
    this.open.set(key, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }
}
