import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Brackets,
  Entity,
  PrimaryColumn,
  type DataSource,
  type ObjectLiteral,
  type SelectQueryBuilder,
  type WhereExpressionBuilder,
} from 'typeorm';
import { z } from 'zod';
import { DIVISION_CODE, regionId } from './rules';
import { SeedError, type SeedPlan } from './seeds';

/**
 * "Within region X" without asking the regions subgraph. A division code's prefix is its place in
 * the hierarchy (44xxxx lies in Guangdong 440000, 4401xx in Guangzhou 440100, 440115xxx in Nansha
 * 440115; the regions seed check keeps every parentId in agreement with it). A township's 9-digit
 * code matches only itself. A named area is no division: it is the union of the divisions it
 * groups (粤港澳大湾区 = its 11 cities), plus whatever is recorded against the area itself.
 */
export function regionPrefix(regionId: string): string {
  if (!/^\d{6}$/.test(regionId)) return regionId;
  if (regionId.endsWith('0000')) return regionId.slice(0, 2);
  if (regionId.endsWith('00')) return regionId.slice(0, 4);
  return regionId;
}

/** Whether a region id names a subtree matched by code prefix (a province, prefecture or county). */
const hasSubtree = (regionId: string) => /^\d{6}$/.test(regionId);

/** Whether a row's region lies within one division's subtree (or is that area or township itself). */
function withinDivision(rowRegionId: string, regionId: string): boolean {
  return (
    rowRegionId === regionId || (hasSubtree(regionId) && DIVISION_CODE.test(rowRegionId) && rowRegionId.startsWith(regionPrefix(regionId)))
  );
}

/** Which divisions each named area groups, as the regions seed records them. */
@Entity('area_member')
export class AreaMember {
  @PrimaryColumn('varchar')
  areaId!: string;

  @PrimaryColumn('varchar')
  memberId!: string;
}

/** The one answer to "does X lie within Y" every subgraph uses, areas included. */
export class RegionScope {
  constructor(
    private readonly members: ReadonlyMap<string, readonly string[]> = new Map(),
    /** The tables whose migrations gave them scope counts (regionScopeCounts), as the database holds them. */
    private readonly counted: ReadonlySet<string> = new Set(),
    /** Every region's name (regionNames), in a subgraph that reads them (readsRegionNames); else empty. */
    private readonly names: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** A region's name, where this subgraph was given the names (readsRegionNames); undefined for an id naming no region. */
  nameOf(regionId: string): string | undefined {
    return this.names.get(regionId);
  }

  /** The regions whose subtrees make up `regionId`: itself and, for a named area, its members. */
  parts(regionId: string): string[] {
    return [regionId, ...(this.members.get(regionId) ?? [])];
  }

  contains(regionId: string, rowRegionId: string | null | undefined): boolean {
    return !!rowRegionId && this.parts(regionId).some((part) => withinDivision(rowRegionId, part));
  }

  /**
   * Adds `(column within r1 OR column within r2 …)` to a query, with bound parameters only. A
   * subtree is its code prefix, `substr(column, 1, n) = '4401'` (SQLite never uses an index for
   * LIKE), which the table's scope indexes (regionScopeIndexes) serve in the list's order: a page
   * of Guangzhou's 31,900 projects at 100× reads its 11 rows, not all of them sorted.
   */
  whereWithinAny(qb: WhereExpressionBuilder, column: string, regionIds: string[], paramPrefix = 'rs'): void {
    const parts = [...new Set(regionIds.flatMap((r) => this.parts(r)))];
    const first = 'expressionMap' in qb && (qb as SelectQueryBuilder<ObjectLiteral>).expressionMap.wheres.length === 0;
    qb.andWhere(
      new Brackets((or) => {
        parts.forEach((part, i) => or.orWhere(...withinDivisionSql(column, part, `${paramPrefix}${i}`)));
      }),
    );
    if (first) this.noteCounted(qb as SelectQueryBuilder<ObjectLiteral>, column, parts);
  }

  /**
   * Remembers a list whose condition is this scope alone, on a table with scope counts, when the
   * parts' row sets cannot overlap (so the list's size is the sum of their counts; see scopeCountOf).
   */
  private noteCounted(qb: SelectQueryBuilder<ObjectLiteral>, column: string, parts: string[]): void {
    const main = qb.expressionMap.mainAlias;
    if (!main?.hasMetadata || column !== `${main.name}.${SCOPE_COLUMN}` || !this.counted.has(main.metadata.tableName)) return;
    const scopes = parts.map((part) => {
      const prefix = hasSubtree(part) ? regionPrefix(part) : part;
      return { digits: hasSubtree(part) ? prefix.length : 0, prefix };
    });
    // A subtree holds an exact id or a smaller subtree its prefix begins (a county within a listed city).
    const within = (a: Scope, b: Scope) => b.digits > 0 && a !== b && a.prefix.slice(0, b.digits) === b.prefix;
    if (scopes.some((a) => scopes.some((b) => within(a, b)))) return;
    SCOPE_LISTS.set(qb, { where: qb.expressionMap.wheres[0], count: { table: scopeCountTable(main.metadata.tableName), scopes } });
  }
}

/** One scope's key in a scope count table: a subtree's code prefix and its length, or (digits 0) one region id itself. */
interface Scope {
  digits: number;
  prefix: string;
}

/** The rows of a scope count table whose counts add up to a list's size. */
export interface ScopeCount {
  table: string;
  scopes: Scope[];
}

/** The column scope counts count by: every region-scoped table names it so. */
const SCOPE_COLUMN = 'regionId';

/** A table's counts per scope (see regionScopeCounts): `<table>_scope_count`. */
const scopeCountTable = (table: string) => `${table}_scope_count`;

/** Lists whose first condition was one whereWithinAny with countable parts (see scopeCountOf). */
const SCOPE_LISTS = new WeakMap<object, { where: unknown; count: ScopeCount }>();

/**
 * The scope count rows that give a list's size, when the list is a table's rows within regions and
 * nothing else (no other condition, join or grouping): its count then reads a few rows of the
 * counts the table's triggers keep, not the 31,900 index entries of Guangzhou's projects at 100×.
 * Undefined for any other list, which counts its own rows.
 */
export function scopeCountOf(qb: SelectQueryBuilder<ObjectLiteral>): ScopeCount | undefined {
  const noted = SCOPE_LISTS.get(qb);
  const map = qb.expressionMap;
  const only = map.wheres.length === 1 && map.wheres[0] === noted?.where;
  if (!noted || !only || map.joinAttributes.length || map.groupBys.length || map.havings.length) return undefined;
  return noted.count;
}

/** The size of a list `scopeCountOf` answered: the sum of its scopes' counts, as a `total` column. */
export function scopeCountQuery(dataSource: DataSource, { table, scopes }: ScopeCount): SelectQueryBuilder<ObjectLiteral> {
  return dataSource
    .createQueryBuilder()
    .from(table, 'sc')
    .select('COALESCE(SUM(sc.n), 0)', 'total')
    .where(
      new Brackets((or) =>
        scopes.forEach(({ digits, prefix }, i) =>
          or.orWhere(`(sc.digits = :scopeDigits${i} AND sc.prefix = :scopePrefix${i})`, {
            [`scopeDigits${i}`]: digits,
            [`scopePrefix${i}`]: prefix,
          }),
        ),
      ),
    );
}

/**
 * SQL for "column lies within one division's subtree" (or is that area or township itself): the
 * code prefix, `substr(column, 1, n) = '4401'` for a subtree, else the id itself.
 */
export function withinDivisionSql(column: string, regionId: string, param: string): [string, Record<string, string>] {
  if (!hasSubtree(regionId)) return [`${column} = :${param}`, { [param]: regionId }];
  const prefix = regionPrefix(regionId);
  return [`${scopeExpression(column, prefix.length)} = :${param}`, { [param]: prefix }];
}

/** The lengths of a division code's subtree prefixes: a province's 2 digits, a prefecture's 4, a county's 6. */
const SCOPE_PREFIX_LENGTHS = [2, 4, 6];

/** The SQL both engines index and compare for "the first n digits of the row's region". */
const scopeExpression = (column: string, length: number | string) => `substr(${column}, 1, ${length})`;

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

/** What the non-owning subgraphs read of a curated region in the regions seed. */
export interface CuratedRegion {
  id: string;
  name?: string;
  memberIds: string[];
}

/**
 * The regions seed's curated records as far as the other subgraphs need them: a named area's
 * members, and a name where the record gives one (the regions subgraph validates the file in full).
 */
export function curatedRegions(seedsDir: string): CuratedRegion[] {
  const file = path.join(seedsDir, 'regions.json');
  try {
    return z
      .array(z.object({ id: regionId, name: z.string().min(1).optional(), memberIds: z.array(regionId).default([]) }))
      .parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new SeedError([
      {
        file: 'regions.json',
        message: `cannot be read for the regions' names: ${(e as Error).message.slice(0, 300)} (the subgraphs other than regions read each region's name and a named area's members from it)`,
      },
    ]);
  }
}

/** The membership rows of every named area, from the regions seed. */
export function areaMembersPlan(seedsDir: string): SeedPlan {
  const rows = curatedRegions(seedsDir).flatMap((a) => a.memberIds.map((memberId) => ({ areaId: a.id, memberId })));
  return [{ entity: AreaMember, rows }];
}

export async function loadRegionScope(dataSource: DataSource, names?: ReadonlyMap<string, string>): Promise<RegionScope> {
  const members = new Map<string, string[]>();
  for (const { areaId, memberId } of await dataSource.getRepository(AreaMember).find({ order: { areaId: 'ASC', memberId: 'ASC' } })) {
    members.set(areaId, [...(members.get(areaId) ?? []), memberId]);
  }
  // Which tables have scope counts is what the migrations made, so the database is asked.
  const runner = dataSource.createQueryRunner();
  const counted = new Set<string>();
  try {
    for (const { tableName } of dataSource.entityMetadatas) {
      if (await runner.hasTable(scopeCountTable(tableName))) counted.add(tableName);
    }
  } finally {
    await runner.release();
  }
  return new RegionScope(members, counted, names);
}
