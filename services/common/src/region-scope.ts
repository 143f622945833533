import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Brackets, Entity, PrimaryColumn, type DataSource, type WhereExpressionBuilder } from 'typeorm';
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
  constructor(private readonly members: ReadonlyMap<string, readonly string[]> = new Map()) {}

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
    qb.andWhere(
      new Brackets((or) => {
        parts.forEach((part, i) => or.orWhere(...withinDivisionSql(column, part, `${paramPrefix}${i}`)));
      }),
    );
  }
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
const scopeExpression = (column: string, length: number) => `substr(${column}, 1, ${length})`;

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

/** The membership rows of every named area, read from the regions seed (which the regions subgraph validates in full). */
export function areaMembersPlan(seedsDir: string): SeedPlan {
  const file = path.join(seedsDir, 'regions.json');
  let areas: { id: string; memberIds: string[] }[];
  try {
    areas = z.array(z.object({ id: regionId, memberIds: z.array(regionId).default([]) })).parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new SeedError([
      { file: 'regions.json', message: `cannot be read for the named areas' members: ${(e as Error).message.slice(0, 300)}` },
    ]);
  }
  return [{ entity: AreaMember, rows: areas.flatMap((a) => a.memberIds.map((memberId) => ({ areaId: a.id, memberId }))) }];
}

export async function loadRegionScope(dataSource: DataSource): Promise<RegionScope> {
  const members = new Map<string, string[]>();
  for (const { areaId, memberId } of await dataSource.getRepository(AreaMember).find({ order: { areaId: 'ASC', memberId: 'ASC' } })) {
    members.set(areaId, [...(members.get(areaId) ?? []), memberId]);
  }
  return new RegionScope(members);
}
