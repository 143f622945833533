import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Dimension, Measure } from './dimensions';
import { STATISTICS, type AggregateShape, type GroupShape, type Numbers } from './types';

export interface AggregateRequest {
  dimensions: Dimension[];
  measures: Measure[];
  minCount: number;
  first: number;
}

/**
 * A list's aggregate in ONE statement: the filtered list (the same builder, so the same filter and
 * the same bound parameters as its pages) as a sub-select of its keys and numbers, then a
 * `UNION ALL` of its totals and its groups — `GROUP BY` the keys, `HAVING COUNT(*) >= minCount`,
 * largest first, `LIMIT first + 1` (the one past says more follow). Keys are cast to text so
 * the two branches agree on both engines; they are read back to their types here.
 */
export async function aggregateOf(
  dataSource: DataSource,
  typed: SelectQueryBuilder<ObjectLiteral>,
  request: AggregateRequest,
): Promise<AggregateShape> {
  const q = (name: string) => dataSource.driver.escape(name);
  const metadata = typed.expressionMap.mainAlias!.metadata;
  const column = (key: string) => `${q(typed.alias)}.${q(metadata.findColumnWithPropertyName(key)!.databaseName)}`;
  const { dimensions, measures } = request;
  const keys = dimensions.map((_, i) => q(`k${i}`));
  const values = measures.map((_, i) => q(`m${i}`));

  const inner = typed.clone().orderBy().select('1', 'one');
  dimensions.forEach((d, i) => inner.addSelect(`CAST(${d.sql(column)} AS VARCHAR)`, `k${i}`));
  measures.forEach((m, i) => inner.addSelect(column(m.key), `m${i}`));
  const from = `FROM (${inner.getQuery()}) ${q('listed')}`;

  const statistics = values.flatMap((v, i) => [
    `SUM(${v}) AS ${q(`sum${i}`)}`,
    `MIN(${v}) AS ${q(`min${i}`)}`,
    `MAX(${v}) AS ${q(`max${i}`)}`,
    `AVG(${v}) AS ${q(`avg${i}`)}`,
  ]);
  const totals = [`0 AS ${q('part')}`, ...keys.map((k) => `CAST(NULL AS VARCHAR) AS ${k}`), `COUNT(*) AS ${q('n')}`, ...statistics];
  let sql = `SELECT ${totals.join(', ')} ${from}`;
  if (keys.length) {
    const grouped = [`1 AS ${q('part')}`, ...keys, `COUNT(*) AS ${q('n')}`, ...statistics];
    // Nulls last on both engines (SQLite sorts them first, PostgreSQL last).
    const order = [`${q('n')} DESC`, ...keys.flatMap((k) => [`CASE WHEN ${k} IS NULL THEN 1 ELSE 0 END`, k])];
    sql +=
      ` UNION ALL SELECT * FROM (SELECT ${grouped.join(', ')} ${from} GROUP BY ${keys.join(', ')}` +
      ` HAVING COUNT(*) >= :aggregateMinCount ORDER BY ${order.join(', ')} LIMIT ${request.first + 1}) ${q('grouped')}`;
  }
  const [statement, bound] = dataSource.driver.escapeQueryWithParameters(
    sql,
    { ...inner.getParameters(), aggregateMinCount: request.minCount },
    {},
  );
  const rows: Record<string, unknown>[] = await dataSource.query(statement, bound);

  const numbers = (row: Record<string, unknown>, statistic: string): Numbers =>
    Object.fromEntries(measures.map((m, i) => [m.key, row[`${statistic}${i}`] == null ? null : Number(row[`${statistic}${i}`])]));
  const shape = (row: Record<string, unknown>): Omit<GroupShape, 'key'> => ({
    count: Number(row.n),
    ...(measures.length ? Object.fromEntries(STATISTICS.map((s) => [s, numbers(row, s)])) : {}),
  });
  const total = rows.find((r) => Number(r.part) === 0)!;
  const groups = rows
    .filter((r) => Number(r.part) === 1)
    .map((r) => ({
      key: Object.fromEntries(dimensions.map((d, i) => [d.key, r[`k${i}`] == null ? null : d.read(String(r[`k${i}`]))])),
      ...shape(r),
    }));
  // A UNION keeps no order: the groups are put back in the statement's.
  const rank = (v: unknown) => (v == null ? '\uffff' : String(v));
  groups.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    for (const d of dimensions) {
      const [x, y] = [rank(a.key[d.key]), rank(b.key[d.key])];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return { ...shape(total), groups: groups.slice(0, request.first), moreGroups: groups.length > request.first };
}
