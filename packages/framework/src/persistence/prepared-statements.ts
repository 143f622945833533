import sqlite3 from 'sqlite3';

/** Distinct SELECT texts kept prepared per connection: the lists' and loaders' shapes, with room. */
export const PREPARED_STATEMENTS_MAX = 500;

type Callback = (this: sqlite3.Statement, err: Error | null, rows: unknown[]) => void;

/**
 * A sqlite3 connection that keeps each SELECT prepared and runs it again with new parameters,
 * instead of preparing and finalizing it on every call as `Database#all` does. The statements
 * a subgraph runs are few shapes built by its query builders (a batch of N ids is one text per
 * N), so most calls find theirs. Parsing and planning a statement costs about as much as running
 * the page queries; finalizing it takes the connection's lock on the main thread.
 *
 * Only SELECTs are kept: writes, PRAGMAs and transaction statements are run as before. A kept
 * statement that failed (an interrupt past its deadline) has ended its read, and is reset when it
 * next runs; SQLite prepares a kept statement again by itself after a migration changed the schema. The
 * least recently used is finalized beyond PREPARED_STATEMENTS_MAX; close() finalizes them all,
 * as SQLite refuses to close a connection with statements open.
 */
export class PreparingDatabase extends sqlite3.Database {
  private readonly prepared = new Map<string, sqlite3.Statement>();
  private closing = false;

  override all(sql: string, ...rest: unknown[]): this {
    const callback = rest[rest.length - 1] as Callback;
    if (typeof callback !== 'function' || !/^\s*SELECT\b/i.test(sql)) {
      return (super.all as (sql: string, ...rest: unknown[]) => this)(sql, ...rest);
    }
    const params = (rest.length > 1 ? rest[0] : undefined) ?? [];
    const run = (statement: sqlite3.Statement) => statement.all(params, callback);
    const kept = this.prepared.get(sql);
    if (kept) {
      // Most recently used last: the first entry is the one to finalize when the map is full.
      this.prepared.delete(sql);
      this.prepared.set(sql, kept);
      run(kept);
      return this;
    }
    // A statement that failed to prepare never answers the calls queued on it: the first call
    // waits for the prepare, and a statement is kept only once it prepared.
    const statement: sqlite3.Statement = this.prepare(sql, (err: Error | null) => {
      if (err) return callback.call(statement, err, []);
      if (this.closing) {
        run(statement);
        statement.finalize();
        return;
      }
      this.keep(sql, statement);
      run(statement);
    });
    return this;
  }

  override close(callback?: (err: Error | null) => void): void {
    this.closing = true;
    const statements = [...this.prepared.values()];
    this.prepared.clear();
    let left = statements.length;
    if (!left) return super.close(callback);
    for (const statement of statements) {
      statement.finalize(() => {
        if (--left === 0) super.close(callback);
      });
    }
  }

  private keep(sql: string, statement: sqlite3.Statement): void {
    const other = this.prepared.get(sql);
    if (other) {
      // Two first calls of one text ran their prepares at once: keep one.
      this.prepared.delete(sql);
      other.finalize();
    } else if (this.prepared.size >= PREPARED_STATEMENTS_MAX) {
      const [oldest, old] = this.prepared.entries().next().value as [string, sqlite3.Statement];
      this.prepared.delete(oldest);
      old.finalize();
    }
    this.prepared.set(sql, statement);
  }
}
