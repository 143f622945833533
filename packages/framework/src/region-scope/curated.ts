import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { regionId } from '../declarations/rules';
import { SeedError, type SeedPlan } from '../seeding/seeds';
import { AreaMember, RegionScope } from './scope';
import { scopeCountTable } from './sql';

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
