import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { LeanRows } from './lean-rows';
import { compareKeys, keyOf, type KeyValue, type ListOrder, type PageRequest } from './pagination';
import { scopeCountOf, scopeCountQuery } from '../region-scope/sql';
import { relevanceOf } from '../search-terms/relevance';
import { gramList } from '../search-terms/search';

/** One list's page as SQL gave it: up to `first + 1` rows after the cursor (lean, as byIdLoader's), in list order, and the list's size. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/**
 * The list's order as the builder declares it (`orderBy('o.period').addOrderBy('o.id')`), with the
 * id added last if missing; a list filtered by `search` puts its relevance keys first (computed in
 * SQL: see relevance.ts), so its tag, and so its cursors, differ from the unfiltered list's.
 */
export function orderOf(qb: SelectQueryBuilder<ObjectLiteral>, typeName: string): ListOrder {
  const keys = Object.keys(qb.expressionMap.orderBys).map((k) => k.slice(k.indexOf('.') + 1));
  for (const [k, direction] of Object.entries(qb.expressionMap.orderBys)) {
    if (direction !== 'ASC' && (direction as { order?: string }).order !== 'ASC')
      throw new Error(`${typeName}: list order ${k} must be ascending`);
  }
  if (keys.at(-1) !== 'id') keys.push('id');
  keys.unshift(...(relevanceOf(qb)?.keys ?? []));
  return { tag: `${typeName}:${keys.join(',')}`, keys };
}

/**
 * Rows after a sort key: `(k0 > a0) OR (k0 = a0 AND k1 > a1) …` (before it: `<`), with bound
 * parameters only. The expanded form rather than a row-value comparison, which both engines read
 * the same way.
 */
function keysetCondition(columns: string[], after: KeyValue[], op: '>' | '<' = '>'): { sql: string; params: Record<string, KeyValue> } {
  const params = Object.fromEntries(after.map((v, i) => [`pageAfter${i}`, v]));
  const terms = columns.map((_, i) =>
    [...columns.slice(0, i).map((c, j) => `${c} = :pageAfter${j}`), `${columns[i]} ${op} :pageAfter${i}`].join(' AND '),
  );
  return { sql: `(${terms.map((t) => `(${t})`).join(' OR ')})`, params };
}

/**
 * A builder's SQL with its named parameters renamed `<prefix><name>`, so the branches of one
 * statement, each built by the same filter code, cannot mix their values up. The same pattern
 * TypeORM itself replaces parameters by.
 */
export function withPrefix(sql: string, params: ObjectLiteral, prefix: string): { sql: string; params: ObjectLiteral } {
  const renamed = sql.replace(/(?<!:):(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g, (match, spread: string | undefined, name: string) =>
    name in params ? `:${spread ?? ''}${prefix}${name}` : match,
  );
  return { sql: renamed, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [`${prefix}${k}`, v])) };
}

const MAX_LISTS = 200;

/**
 * What a list's count reads: the list itself, or, for a table's rows found by a short `search`
 * alone, the gram index's rows (see gramList), so it does not read the table. (The page reads the
 * table's rows: a search ranks them by their names, see relevance.ts. A list within regions alone
 * is counted from its table's scope counts: see scopeCountOf.)
 */
function countedRowsOf(dataSource: DataSource, list: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> {
  const grams = gramList(list);
  if (!grams) return list;
  const alias = dataSource.driver.escape(list.alias);
  return dataSource
    .createQueryBuilder()
    .from(grams.table, list.alias)
    .where(`${alias}.${dataSource.driver.escape('gram')} = :searchGram`, { searchGram: grams.gram });
}

/**
 * One page of each of several lists — the same list for N parents, or one root list — in ONE
 * statement: per list, its first `first + 1` ids after the cursor (an index-served `ORDER BY …
 * LIMIT`) and its `COUNT(*)`, as branches of a `UNION ALL`, and the pages' rows joined to them by
 * primary key (their lean columns, as byIdLoader reads them). Each list reads only its page and
 * its count, so a request's cost follows the page, not the table, and the statement count is the
 * same for 1 or 100 parents. A LIMIT per branch (not `ROW_NUMBER() OVER (PARTITION BY …)`, which
 * ranks every row of every partition) keeps the page's cost from growing with the list. Plain SQL
 * both SQLite and PostgreSQL run; the lists' own filters are their builders' (bound parameters only).
 */
export async function pageBatch<T extends ObjectLiteral>(
  dataSource: DataSource,
  lists: SelectQueryBuilder<T>[],
  request: PageRequest,
): Promise<Page<T>[]> {
  // SQLite allows 500 terms in a compound statement; a batch of more lists (rare: `first` is at most 100) takes more statements.
  if (lists.length > MAX_LISTS) {
    const pages: Page<T>[] = [];
    for (let i = 0; i < lists.length; i += MAX_LISTS) pages.push(...(await pageBatch(dataSource, lists.slice(i, i + MAX_LISTS), request)));
    return pages;
  }
  if (lists.length === 0) return [];
  const q = (name: string) => dataSource.driver.escape(name);
  // The order's computed keys (a search's relevance): every list of a batch is the same query, so they have the same.
  const computedKeys = request.order.keys.filter(
    (k) => k in (relevanceOf(lists[0] as unknown as SelectQueryBuilder<ObjectLiteral>)?.sql ?? {}),
  );
  const branches: string[] = [];
  let params: ObjectLiteral = {};
  lists.forEach((typed, i) => {
    // The SQL text of the list is all this reads of it: any entity's builder will do.
    const list = typed as unknown as SelectQueryBuilder<ObjectLiteral>;
    const alias = list.alias;
    // A key is a column, or an expression relevance.ts computes (selected, so the row's cursor can carry it).
    const computed = relevanceOf(list)?.sql ?? {};
    const columns = request.order.keys.map(
      (k) => computed[k] ?? `${q(alias)}.${q(list.expressionMap.mainAlias!.metadata.findColumnWithPropertyName(k)!.databaseName)}`,
    );
    const page = list
      .clone()
      .select(`${q(alias)}.${q('id')}`, 'id')
      .orderBy();
    computedKeys.forEach((k) => page.addSelect(computed[k], k));
    // Backward, the page is the last rows before the cursor: the same index read in reverse.
    request.order.keys.forEach((_, j) => page.addOrderBy(columns[j], request.backward ? 'DESC' : 'ASC'));
    const from = request.backward ? request.before : request.after;
    if (from) {
      const bound = keysetCondition(columns, from, request.backward ? '<' : '>');
      page.andWhere(bound.sql, bound.params);
    }
    page.limit(request.first + 1);
    const counted = scopeCountOf(list);
    const count = counted
      ? scopeCountQuery(dataSource, counted)
      : countedRowsOf(dataSource, list).clone().select('COUNT(*)', 'total').orderBy();
    const pageSql = withPrefix(page.getQuery(), page.getParameters(), `b${i}_`);
    const countSql = withPrefix(count.getQuery(), count.getParameters(), `b${i}_`);
    params = { ...params, ...pageSql.params, ...countSql.params };
    const keys = computedKeys.map((k) => `, ${q(k)}`).join('');
    const noKeys = computedKeys.map((k) => `, CAST(NULL AS INTEGER) AS ${q(k)}`).join('');
    branches.push(
      `SELECT ${i} AS ${q('part')}, ${q('id')}, CAST(NULL AS INTEGER) AS ${q('total')}${keys} FROM (${pageSql.sql}) ${q(`p${i}`)}`,
    );
    branches.push(
      `SELECT ${i} AS ${q('part')}, CAST(NULL AS VARCHAR) AS ${q('id')}, ${q('total')}${noKeys} FROM (${countSql.sql}) ${q(`c${i}`)}`,
    );
  });
  const reader = LeanRows.of(dataSource, lists[0].expressionMap.mainAlias!.metadata.target as EntityTarget<T>);
  const [idsAlias, rowsAlias] = [q('pages'), q('pageRows')];
  const [sql, bound] = dataSource.driver.escapeQueryWithParameters(
    `SELECT ${idsAlias}.${q('part')} AS ${q('pagePart')}, ${idsAlias}.${q('total')} AS ${q('pageTotal')}, ` +
      computedKeys.map((k, j) => `${idsAlias}.${q(k)} AS ${q(`pageKey${j}`)}, `).join('') +
      `${reader.columnsOf('pageRows')} ` +
      `FROM (${branches.join(' UNION ALL ')}) ${idsAlias} LEFT JOIN ${reader.table} ${rowsAlias} ON ${rowsAlias}.${q('id')} = ${idsAlias}.${q('id')}`,
    params,
    {},
  );
  const rows: (Record<string, unknown> & { pagePart: number | string; pageTotal: number | string | null })[] = await dataSource.query(
    sql,
    bound,
  );
  const pages: Page<T>[] = lists.map(() => ({ rows: [], total: 0 }));
  for (const row of rows) {
    const page = pages[Number(row.pagePart)];
    if (row.pageTotal !== null) page.total = Number(row.pageTotal);
    // A page's id with no row is left out, as a by-id read would.
    else if (row.id != null) {
      // A computed key's value rides on the row, where keyOf reads a column's: its cursor and the sort below need it.
      const hydrated: Record<string, unknown> = reader.hydrate(row);
      computedKeys.forEach((k, j) => (hydrated[k] = Number(row[`pageKey${j}`])));
      page.rows.push(hydrated as T);
    }
  }
  // The join keeps no order: each page is put back in the list's.
  for (const page of pages) page.rows.sort((a, b) => compareKeys(keyOf(request.order, a), keyOf(request.order, b)));
  return pages;
}
