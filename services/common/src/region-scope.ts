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
   * code prefix is a range (`'4401' <= column < '4402'`), which a plain index serves on both
   * engines; SQLite never uses one for LIKE.
   */
  whereWithinAny(qb: WhereExpressionBuilder, column: string, regionIds: string[], paramPrefix = 'rs'): void {
    const parts = [...new Set(regionIds.flatMap((r) => this.parts(r)))];
    qb.andWhere(
      new Brackets((or) => {
        parts.forEach((part, i) => {
          const param = `${paramPrefix}${i}`;
          if (hasSubtree(part)) {
            // Codes are digits only: the prefix's range is every code that starts with it.
            const prefix = regionPrefix(part);
            const after = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
            or.orWhere(`(${column} >= :${param}a AND ${column} < :${param}b)`, { [`${param}a`]: prefix, [`${param}b`]: after });
          } else or.orWhere(`${column} = :${param}`, { [param]: part });
        });
      }),
    );
  }
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
