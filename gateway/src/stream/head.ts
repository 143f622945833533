import type { Logger } from '@hsg/core';

/** How often the feed's head is read while any stream is open. */
export const HEAD_POLL_MS = 1000;

/**
 * The newest position of the change feed, read once a second for every stream of this gateway
 * together: an idle stream costs nothing but a socket, and a gateway with 200 open streams asks
 * the search subgraph once a second, not 200 times. Each stream reads its own pages (with its own
 * types, selection and credentials) only when the head has moved past what it last saw.
 */
export class FeedHead {
  /** The latest change's cursor; null while the feed is empty, undefined until first read. */
  private cursor: string | null | undefined;
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private users = 0;
  private failing = false;

  constructor(
    private readonly read: () => Promise<string | null>,
    private readonly logger: Logger,
    private readonly intervalMs: number = HEAD_POLL_MS,
  ) {}

  /** The head as last read. */
  get now(): string | null | undefined {
    return this.cursor;
  }

  /** Counts a stream in; the head is read while any is. Returns the function that counts it out. */
  follow(): () => void {
    if (this.users++ === 0) this.timer = setInterval(() => void this.poll(), this.intervalMs);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.users === 0) this.stop();
    };
  }

  /** Resolves once the head differs from `seen`, or when `signal` aborts. */
  movedFrom(seen: string | null | undefined, signal: AbortSignal): Promise<void> {
    if (this.cursor !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const wake of [...this.waiters]) wake();
  }

  private polling = false;
  private async poll(): Promise<void> {
    if (this.polling) return; // a slow read is not stacked on
    this.polling = true;
    try {
      const cursor = await this.read();
      if (this.failing) this.logger.info('change streams: the feed answers again');
      this.failing = false;
      if (cursor === this.cursor) return;
      this.cursor = cursor;
      for (const wake of [...this.waiters]) wake();
    } catch (e) {
      // The streams stay open and wait; they catch up from their positions once the feed answers.
      if (!this.failing) this.logger.warn({ err: (e as Error).message }, 'change streams: cannot read the feed; retrying');
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }
}
