import { Brackets, type DataSource, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { hasSubtree, regionPrefix } from './codes';
import type { RegionScope } from './scope';

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
export const SCOPE_COLUMN = 'regionId';

/** A table's counts per scope (see regionScopeCounts): `<table>_scope_count`. */
export const scopeCountTable = (table: string) => `${table}_scope_count`;

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
 * Adds `(column within r1 OR column within r2 …)` to a query, with bound parameters only. A
 * subtree is its code prefix, `substr(column, 1, n) = '4401'` (SQLite never uses an index for
 * LIKE), which the table's scope indexes (regionScopeIndexes) serve in the list's order: a page
 * of Guangzhou's 31,900 projects at 100× reads its 11 rows, not all of them sorted.
 */
export function whereWithinScope(
  scope: RegionScope,
  qb: WhereExpressionBuilder,
  column: string,
  regionIds: string[],
  paramPrefix: string,
): void {
  const parts = [...new Set(regionIds.flatMap((r) => scope.parts(r)))];
  const first = 'expressionMap' in qb && (qb as SelectQueryBuilder<ObjectLiteral>).expressionMap.wheres.length === 0;
  qb.andWhere(
    new Brackets((or) => {
      parts.forEach((part, i) => or.orWhere(...withinDivisionSql(column, part, `${paramPrefix}${i}`)));
    }),
  );
  if (first) noteCounted(scope, qb as SelectQueryBuilder<ObjectLiteral>, column, parts);
}

/**
 * Remembers a list whose condition is this scope alone, on a table with scope counts, when the
 * parts' row sets cannot overlap (so the list's size is the sum of their counts; see scopeCountOf).
 * The note lives beside the query builder (SCOPE_LISTS), which TypeORM gives no room for it.
 */
function noteCounted(scope: RegionScope, qb: SelectQueryBuilder<ObjectLiteral>, column: string, parts: string[]): void {
  const main = qb.expressionMap.mainAlias;
  if (!main?.hasMetadata || column !== `${main.name}.${SCOPE_COLUMN}` || !scope.hasCounts(main.metadata.tableName)) return;
  const scopes = parts.map((part) => {
    const prefix = hasSubtree(part) ? regionPrefix(part) : part;
    return { digits: hasSubtree(part) ? prefix.length : 0, prefix };
  });
  // A subtree holds an exact id or a smaller subtree its prefix begins (a county within a listed city).
  const within = (a: Scope, b: Scope) => b.digits > 0 && a !== b && a.prefix.slice(0, b.digits) === b.prefix;
  if (scopes.some((a) => scopes.some((b) => within(a, b)))) return;
  SCOPE_LISTS.set(qb, { where: qb.expressionMap.wheres[0], count: { table: scopeCountTable(main.metadata.tableName), scopes } });
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
export const SCOPE_PREFIX_LENGTHS = [2, 4, 6];

/** The SQL both engines index and compare for "the first n digits of the row's region". */
export const scopeExpression = (column: string, length: number | string) => `substr(${column}, 1, ${length})`;

/** The division levels a region can be rolled up to: a province's code prefix is 2 digits, a prefecture's 4, a county's 6. */
export type RollUpLevel = 'PROVINCE' | 'CITY' | 'DISTRICT';

/**
 * SQL for "the code of the division at `level` that the row's region lies in", by the code-prefix
 * rule (codes.ts): 440115 rolls up to 440100 (city) and 440000 (province), a township 440115001 to
 * its district 440115. Null where the row has no division at that level: a province's own record
 * has no city, a city's no district, and a named area (an area slug) none at all.
 */
export function rollUpSql(column: string, level: RollUpLevel): string {
  const division = `(length(${column}) IN (6, 9) AND substr(${column}, 1, 1) BETWEEN '0' AND '9')`;
  switch (level) {
    case 'PROVINCE':
      return `CASE WHEN ${division} THEN ${scopeExpression(column, 2)} || '0000' END`;
    case 'CITY':
      return `CASE WHEN ${division} AND substr(${column}, 3, 2) <> '00' THEN ${scopeExpression(column, 4)} || '00' END`;
    case 'DISTRICT':
      return `CASE WHEN ${division} AND substr(${column}, 5, 2) <> '00' THEN ${scopeExpression(column, 6)} END`;
  }
}
