import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DEFAULT_DEADLINES, type Deadlines, type Logger } from '@hsg/core';
import type { DataSource } from 'typeorm';

/** The answer to work stopped at its deadline: nothing was changed, and the caller may retry. */
export function deadlineExceeded(what: string, ms: number): GraphQLError {
  return new GraphQLError(
    `${what} took longer than its deadline of ${ms} ms and was stopped; nothing was changed. Retry, or narrow the request.`,
    { extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: ms } },
  );
}

/** A statement the engine stopped: SQLite's interrupt, PostgreSQL's statement_timeout (query_canceled). */
export const isStoppedStatement = (e: unknown): boolean => {
  const error = e as { code?: string; message?: string; driverError?: { code?: string } } | null;
  return (
    error?.code === '57014' ||
    error?.driverError?.code === '57014' ||
    error?.code === 'SQLITE_INTERRUPT' ||
    /SQLITE_INTERRUPT|canceling statement due to statement timeout/.test(String(error?.message))
  );
};

/**
 * A formatError that answers a statement stopped at its deadline as DEADLINE_EXCEEDED (a read's
 * field; a write answers it itself) instead of masking it as an internal error.
 */
export function stoppedStatementsAnswered(
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  deadlines: Deadlines,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
    if (!isStoppedStatement(original)) return formatError(formatted, error);
    const answer = deadlineExceeded('A database statement of this request', deadlines.statementMs);
    return { message: answer.message, locations: formatted.locations, path: formatted.path, extensions: answer.extensions };
  };
}

const WATCHES = new WeakMap<DataSource, StatementWatch>();

/** The watch over a data source's statements, if one was made for it (openDatabase makes one). */
export const watchOf = (dataSource: DataSource): StatementWatch | undefined => WATCHES.get(dataSource);

/** The deadlines a data source's work runs under (the defaults where no watch was made for it). */
export const deadlinesOf = (dataSource: DataSource): Deadlines => watchOf(dataSource)?.deadlines ?? DEFAULT_DEADLINES;

/**
 * Watches a data source's statements while the subgraph serves: when the oldest one in flight is
 * older than the statement deadline, SQLite is interrupted (every statement running on the
 * connection fails with SQLITE_INTERRUPT; the sqlite3 driver offers nothing finer), and
 * PostgreSQL's connections each stop their own with statement_timeout. A statement still in
 * flight at twice the deadline means the process is wedged: `stuck()` says so, and the liveness
 * probe reports it for the supervisor to replace the process.
 */
export class StatementWatch {
  /** Start times of the statements in flight, by SQL text (the same statement may run twice at once). */
  private readonly inFlight = new Map<string, number[]>();
  private timer?: NodeJS.Timeout;
  private interruptedAt = 0;
  private logger?: Logger;

  constructor(
    private readonly dataSource: DataSource,
    readonly deadlines: Deadlines,
  ) {
    WATCHES.set(dataSource, this);
  }

  started(query: string): void {
    const starts = this.inFlight.get(query);
    if (starts) starts.push(Date.now());
    else this.inFlight.set(query, [Date.now()]);
  }

  ended(query: string): void {
    const starts = this.inFlight.get(query);
    if (!starts) return;
    starts.shift();
    if (starts.length === 0) this.inFlight.delete(query);
  }

  /** How long the oldest statement in flight has run, in ms (0 when none is). */
  oldestMs(now = Date.now()): number {
    let oldest = now;
    for (const starts of this.inFlight.values()) if (starts[0] < oldest) oldest = starts[0];
    return now - oldest;
  }

  /** Whether a statement has outlived twice its deadline: stopping it did not work, and the process needs replacing. */
  stuck(): { stuck: boolean; oldestStatementMs: number } {
    const oldestStatementMs = this.oldestMs();
    return { stuck: oldestStatementMs > 2 * this.deadlines.statementMs, oldestStatementMs };
  }

  /** Starts enforcing the statement deadline: after seeding and migrations, which may take longer. */
  async arm(logger?: Logger): Promise<void> {
    this.logger = logger;
    if (this.dataSource.options.type === 'postgres') await this.armPostgres();
    const every = Math.max(10, Math.min(250, Math.floor(this.deadlines.statementMs / 4)));
    this.timer = setInterval(() => this.check(), every);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const age = this.oldestMs();
    if (age <= this.deadlines.statementMs || this.dataSource.options.type !== 'sqlite') return;
    // One interrupt per deadline: the statements it stops end soon after; a later one gets its own.
    if (Date.now() - this.interruptedAt < this.deadlines.statementMs) return;
    this.interruptedAt = Date.now();
    this.logger?.warn({ oldestStatementMs: age, deadlineMs: this.deadlines.statementMs }, 'statement past its deadline: interrupting');
    const connection = (this.dataSource.driver as unknown as { databaseConnection?: { interrupt(): void } }).databaseConnection;
    connection?.interrupt();
  }

  /**
   * Sets statement_timeout on every connection of the pool: the connections open now (taken all
   * at once, so each is reached) and those opened later (the pool's options). Nothing else runs
   * while a subgraph arms, before it listens.
   */
  private async armPostgres(): Promise<void> {
    const ms = this.deadlines.statementMs;
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    pool.options.statement_timeout = ms;
    const clients = await Promise.all(Array.from({ length: pool.options.max ?? 10 }, () => pool.connect()));
    try {
      await Promise.all(clients.map((c) => c.query(`SET statement_timeout = ${ms}`)));
    } finally {
      for (const c of clients) c.release();
    }
  }
}

/** The parts of node-postgres's pool the watch uses. */
interface PgPool {
  options: { max?: number; statement_timeout?: number };
  connect(): Promise<{ query(sql: string): Promise<unknown>; release(): void }>;
}
