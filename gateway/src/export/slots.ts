import type { ServerResponse } from 'node:http';
import { graphqlError, type Caller } from '@hsg/core';

/**
 * How many bulk exports anonymous callers run at once: one per client address, and this many in
 * all. An export of every region reads the family twice (ETag, then the file) and takes seconds
 * of the gateway's and the subgraphs' time; without a bound, a few anonymous clients could keep
 * both cores busy with nothing but exports. Agencies are not bounded here: their tokens name
 * them, and their rate limit counts them.
 */
export const ANONYMOUS_EXPORTS_PER_ADDRESS = 1;
export const ANONYMOUS_EXPORTS = 4;

/** What a refused caller is told to wait: about the time an export of a large family takes. */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

/** The anonymous exports running now, by client address (never more than ANONYMOUS_EXPORTS addresses). */
export class ExportSlots {
  private readonly running = new Map<string, number>();
  private total = 0;

  /**
   * Takes a slot for the caller, or answers 429 RATE_LIMITED with Retry-After and returns null.
   * The returned function gives the slot back; calling it again does nothing.
   */
  acquire(caller: Caller, address: string, res: ServerResponse): (() => void) | null {
    if (caller.kind === 'agency') return () => {};
    const mine = this.running.get(address) ?? 0;
    const refusal =
      mine >= ANONYMOUS_EXPORTS_PER_ADDRESS
        ? `${ANONYMOUS_EXPORTS_PER_ADDRESS} bulk export at a time runs for anonymous requests from ${address}, and one is running.`
        : this.total >= ANONYMOUS_EXPORTS
          ? `${ANONYMOUS_EXPORTS} bulk exports at a time run for anonymous callers, and that many are running.`
          : null;
    if (refusal) {
      res.setHeader('retry-after', String(EXPORT_RETRY_AFTER_SECONDS));
      graphqlError(
        res,
        429,
        'RATE_LIMITED',
        `${refusal} Retry after ${EXPORT_RETRY_AFTER_SECONDS} s, or send an agency token. (ANONYMOUS_EXPORTS)`,
        { retryAfter: EXPORT_RETRY_AFTER_SECONDS },
      );
      return null;
    }
    this.running.set(address, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.running.get(address) ?? 1) - 1;
      if (left > 0) this.running.set(address, left);
      else this.running.delete(address);
    };
  }
}
