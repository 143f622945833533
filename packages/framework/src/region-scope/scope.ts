import { Entity, PrimaryColumn, type WhereExpressionBuilder } from 'typeorm';
import { withinDivision } from './codes';
import { whereWithinScope } from './sql';

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

  /** Whether `table`'s migrations gave it scope counts (regionScopeCounts). */
  hasCounts(table: string): boolean {
    return this.counted.has(table);
  }

  /** Adds "column lies within any of regionIds" to a query (see whereWithinScope). */
  whereWithinAny(qb: WhereExpressionBuilder, column: string, regionIds: string[], paramPrefix = 'rs'): void {
    whereWithinScope(this, qb, column, regionIds, paramPrefix);
  }
}
