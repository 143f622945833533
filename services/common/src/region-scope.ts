import { Brackets, type WhereExpressionBuilder } from 'typeorm';

/**
 * "Within region X" without asking the regions subgraph: a GB/T 2260 code's prefix is its place
 * in the hierarchy (44xxxx lies in Guangdong 440000, 4401xx in Guangzhou 440100). A county code
 * or a named area (a slug) matches only itself.
 */
export function regionPrefix(regionId: string): string {
  if (!/^\d{6}$/.test(regionId)) return regionId;
  if (regionId.endsWith('0000')) return regionId.slice(0, 2);
  if (regionId.endsWith('00')) return regionId.slice(0, 4);
  return regionId;
}

export function isWithin(rowRegionId: string | null | undefined, regionId: string): boolean {
  if (!rowRegionId) return false;
  const prefix = regionPrefix(regionId);
  return prefix === regionId ? rowRegionId === regionId : /^\d{6}$/.test(rowRegionId) && rowRegionId.startsWith(prefix);
}

/** Adds `(column within r1 OR column within r2 …)` to a query, with bound parameters only. */
export function whereWithinAny(qb: WhereExpressionBuilder, column: string, regionIds: string[], paramPrefix = 'rs'): void {
  qb.andWhere(
    new Brackets((or) => {
      regionIds.forEach((regionId, i) => {
        const prefix = regionPrefix(regionId);
        if (prefix === regionId) or.orWhere(`${column} = :${paramPrefix}${i}`, { [`${paramPrefix}${i}`]: regionId });
        else or.orWhere(`${column} LIKE :${paramPrefix}${i}`, { [`${paramPrefix}${i}`]: `${prefix}%` });
      });
    }),
  );
}
