import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { traced, type Logger, type RequestInfo } from '@hsg/core';
import { AuditRecord } from './audit';
import { SourceDocument } from './citation';
import type { RegionScope } from './region-scope';

/** The entity's name for span names: its class's. */
const nameOf = (entity: EntityTarget<ObjectLiteral>) => (typeof entity === 'function' ? entity.name : String(entity));

/**
 * A per-request loader of rows by primary key: every `load(id)` made while one level of a query
 * resolves is answered by one `WHERE id IN (…)` statement (traced as `<Entity>.load`, the
 * statement under it). Unknown ids give null.
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
): DataLoader<string, T | null> {
  const span = `${nameOf(entity)}.load`;
  return new DataLoader<string, T | null>((ids) =>
    traced(span, { 'hsg.keys': ids.length }, async () => {
      const rows = await dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}

/**
 * A per-request loader of child rows grouped by a parent column (`WHERE parentId IN (…)`),
 * each group in the order of `orderBy`.
 */
export function byParentLoader<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  parentColumn: keyof T & string,
  orderBy: keyof T & string = 'id' as keyof T & string,
): DataLoader<string, T[]> {
  const span = `${nameOf(entity)}.loadBy ${parentColumn}`;
  return new DataLoader<string, T[]>((parentIds) => traced(span, { 'hsg.keys': parentIds.length }, () => children(parentIds)));
  async function children(parentIds: readonly string[]): Promise<T[][]> {
    const rows = await dataSource
      .getRepository(entity)
      .createQueryBuilder('t')
      .where(`t.${parentColumn} IN (:...ids)`, { ids: [...parentIds] })
      .orderBy(`t.${orderBy}`, 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) groups.get(row[parentColumn] as string)?.push(row);
    return parentIds.map((id) => groups.get(id) ?? []);
  }
}

/**
 * What every subgraph's request context holds, whatever else it adds: the request (its id, its
 * credentials), a logger that stamps every line with the request id, the database and the
 * source loader every cited record uses. Built once per request by startSubgraph.
 */
export interface BaseContext {
  request: RequestInfo;
  /** Every version of a record, oldest first, keyed by `historyKey(type, id)`. */
  history: DataLoader<string, AuditRecord[]>;
  /** "Within region X", areas included. */
  regions: RegionScope;
  logger: Logger;
  dataSource: DataSource;
  sources: DataLoader<string, SourceDocument | null>;
}

export function baseContext(dataSource: DataSource, regions: RegionScope, request: RequestInfo, logger: Logger): BaseContext {
  return {
    request,
    regions,
    // The process's logger already stamps every line written during the request with its id.
    logger,
    dataSource,
    sources: byIdLoader(dataSource, SourceDocument),
    history: historyLoader(dataSource),
  };
}

export const historyKey = (typeName: string, id: string) => `${typeName}\u0000${id}`;

/** Audit records of many records at once: one statement per entity type asked for. */
function historyLoader(dataSource: DataSource): DataLoader<string, AuditRecord[]> {
  return new DataLoader<string, AuditRecord[]>(async (keys) => {
    const byType = new Map<string, string[]>();
    for (const key of keys) {
      const [type, id] = key.split('\u0000');
      byType.set(type, [...(byType.get(type) ?? []), id]);
    }
    const groups = new Map<string, AuditRecord[]>(keys.map((k) => [k, []]));
    for (const [type, ids] of byType) {
      const rows = await dataSource
        .getRepository(AuditRecord)
        .createQueryBuilder('a')
        .where('a.entityType = :type AND a.entityId IN (:...ids)', { type, ids })
        .orderBy('a.seq', 'ASC')
        .getMany();
      for (const row of rows) groups.get(historyKey(row.entityType, row.entityId))?.push(row);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}
