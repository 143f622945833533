import { SCOPE_COLUMN, SCOPE_PREFIX_LENGTHS, scopeCountTable, scopeExpression } from './sql';

/**
 * The migration steps that give a region-scoped table its scope indexes: one per prefix length,
 * on `substr(regionId, 1, n)` followed by the list's order columns, so "within region X" in list
 * order is an index range on both engines and a page costs its rows, not the region's. Named
 * `<table>_scope<n>`, which the schema diff leaves alone; a SQLite migration that rebuilds the
 * table must run these steps again after it.
 */
export function regionScopeIndexes(table: string, order: string[] = ['id'], column = 'regionId'): { sqlite: string[]; postgres: string[] } {
  const steps = SCOPE_PREFIX_LENGTHS.map(
    (n) =>
      `CREATE INDEX "${table}_scope${n}" ON "${table}" (${scopeExpression(`"${column}"`, n)}, ${order.map((c) => `"${c}"`).join(', ')})`,
  );
  return { sqlite: steps, postgres: steps };
}

/** The digits of every scope a row lies in: 0 for its region id itself, then each code prefix length. */
const SCOPE_DIGITS = [0, ...SCOPE_PREFIX_LENGTHS];

/** A row's scopes, `(digits, prefix)` for each of SCOPE_DIGITS, from the rows of `from` (aliased x) that have a region. */
function scopesOf(engine: 'sqlite' | 'postgres', from: string, weight: number): string {
  const digits =
    engine === 'sqlite'
      ? `(${SCOPE_DIGITS.map((n) => `SELECT ${n} AS digits`).join(' UNION ALL ')}) d`
      : `(VALUES ${SCOPE_DIGITS.map((n) => `(${n})`).join(', ')}) d(digits)`;
  const region = `x."${SCOPE_COLUMN}"`;
  const prefix = `CASE d.digits WHEN 0 THEN ${region} ELSE ${scopeExpression(region, 'd.digits')} END`;
  return `SELECT d.digits AS digits, ${prefix} AS prefix, ${weight} AS n FROM ${from} x, ${digits} WHERE ${region} IS NOT NULL`;
}

/**
 * The migration steps that give a region-scoped table its scope counts: `<table>_scope_count(digits,
 * prefix, n)`, how many rows lie in each subtree (`substr(regionId, 1, digits) = prefix`) and in
 * each region itself (digits 0), filled once and kept by triggers in the writing transaction. A
 * list's page is an index range whatever the region's size, but its COUNT(*) read every entry of
 * the range (4.7 ms for Guangzhou's projects at 100× on PostgreSQL); scopeCountQuery reads a row.
 * SQLite: row triggers. PostgreSQL: statement triggers over the transition tables, adding up a
 * statement's changes per scope (a seed load's inserts make one upsert per scope), in key order so
 * that writers lock the counts they share in one order. A SQLite migration that rebuilds the table
 * must run these steps again after it (they start by dropping the counts).
 */
export function regionScopeCounts(table: string): { sqlite: string[]; postgres: string[] } {
  const counts = scopeCountTable(table);
  const keys = '"digits", "prefix"';
  const fill = (engine: 'sqlite' | 'postgres') =>
    `INSERT INTO "${counts}"(${keys}, "n") SELECT digits, prefix, SUM(n) FROM (${scopesOf(engine, `"${table}"`, 1)}) s GROUP BY digits, prefix ORDER BY digits, prefix`;
  // SQLite: the row's own scopes; its prefix matched per digits, so the update is a key lookup per scope.
  const rowScopes = (row: 'new' | 'old') => scopesOf('sqlite', `(SELECT ${row}."${SCOPE_COLUMN}" AS "${SCOPE_COLUMN}")`, 1);
  const add = `INSERT INTO "${counts}"(${keys}, "n") SELECT digits, prefix, 1 FROM (${rowScopes('new')}) WHERE true ON CONFLICT(${keys}) DO UPDATE SET "n" = "n" + 1;`;
  const remove = `UPDATE "${counts}" SET "n" = "n" - 1 WHERE (${keys}) IN (SELECT digits, prefix FROM (${rowScopes('old')}));`;
  // PostgreSQL: one statement's rows in, less its rows out, per scope; unchanged scopes are not written.
  const upsert = (...sides: [string, number][]) =>
    `INSERT INTO "${counts}" AS c (${keys}, "n") SELECT digits, prefix, SUM(n) FROM (${sides
      .map(([rows, weight]) => scopesOf('postgres', rows, weight))
      .join(' UNION ALL ')}) s GROUP BY digits, prefix HAVING SUM(n) <> 0 ORDER BY digits, prefix
        ON CONFLICT (${keys}) DO UPDATE SET "n" = c."n" + excluded."n";`;
  const sync = `${counts}_sync`;
  return {
    sqlite: [
      `DROP TABLE IF EXISTS "${counts}"`,
      `CREATE TABLE "${counts}" ("digits" integer NOT NULL, "prefix" varchar NOT NULL, "n" integer NOT NULL, PRIMARY KEY (${keys})) WITHOUT ROWID`,
      fill('sqlite'),
      `CREATE TRIGGER "${counts}_insert" AFTER INSERT ON "${table}" BEGIN ${add} END`,
      `CREATE TRIGGER "${counts}_delete" AFTER DELETE ON "${table}" BEGIN ${remove} END`,
      `CREATE TRIGGER "${counts}_update" AFTER UPDATE OF "${SCOPE_COLUMN}" ON "${table}" WHEN old."${SCOPE_COLUMN}" IS NOT new."${SCOPE_COLUMN}" BEGIN ${remove} ${add} END`,
    ],
    postgres: [
      `DROP TABLE IF EXISTS "${counts}"`,
      `CREATE TABLE "${counts}" ("digits" integer NOT NULL, "prefix" character varying COLLATE "C" NOT NULL, "n" integer NOT NULL, PRIMARY KEY (${keys}))`,
      fill('postgres'),
      // A transition table exists only for the events that have it: each event its own statement.
      `CREATE OR REPLACE FUNCTION "${sync}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF TG_OP = 'INSERT' THEN ${upsert(['new_rows', 1])}
        ELSIF TG_OP = 'DELETE' THEN ${upsert(['old_rows', -1])}
        ELSE ${upsert(['new_rows', 1], ['old_rows', -1])}
        END IF;
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER "${counts}_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${sync}"()`,
      `CREATE TRIGGER "${counts}_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "${sync}"()`,
      `CREATE TRIGGER "${counts}_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${sync}"()`,
    ],
  };
}
