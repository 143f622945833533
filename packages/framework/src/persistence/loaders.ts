import DataLoader from 'dataloader';
import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { traced, type Logger, type RequestInfo } from '@hsg/core';
import { AuditRecord } from '../writes/audit';
import { SourceDocument } from '../declarations/citation';
import { lazyColumnsOf } from '../declarations/declaration';
import { LeanRows } from './lean-rows';
import type { RegionScope } from '../region-scope/scope';

/** The entity's name for span names: its class's. */
const nameOf = (entity: EntityTarget<ObjectLiteral>) => (typeof entity === 'function' ? entity.name : String(entity));

/**
 * The rows of several ids, missing ones left out, in the order asked; a failed load (the database
 * went away) fails the whole list rather than leave a shorter one that looks complete.
 */
export async function loadPresent<K, T>(loader: DataLoader<K, T | null, unknown>, ids: readonly K[]): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  const failed = rows.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return rows.filter((r): r is T => r != null);
}

/**
 * A per-request loader of rows by primary key: every `load(id)` made while one level of a query
 * resolves is answered by one `WHERE id IN (…)` statement (traced as `<Entity>.load`, the
 * statement under it). Unknown ids give null. The large JSON columns (`lazy`) are left out: their
 * fields read them through `BaseContext.lazy` when asked for.
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
): DataLoader<string, T | null> {
  const span = `${nameOf(entity)}.load`;
  const reader = LeanRows.of(dataSource, entity);
  return new DataLoader<string, T | null>((ids) =>
    traced(span, { 'hsg.keys': ids.length }, async () => {
      const found = await reader.whereIn('id', ids);
      const byId = new Map(found.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}

/** Key of a row's lazy columns: the entity's name and the row's id. */
export const lazyKey = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * The lazy columns of rows (see byIdLoader), read only for the rows whose fields ask for one:
 * one `SELECT id, <every lazy column> … WHERE id IN (…)` per entity type per level, however many
 * of its lazy fields the request asks for.
 */
function lazyLoader(dataSource: DataSource): DataLoader<string, ObjectLiteral | null> {
  return new DataLoader<string, ObjectLiteral | null>(async (keys) => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const [entity, id] = key.split('\u0000');
      groups.set(entity, [...(groups.get(entity) ?? []), id]);
    }
    const values = new Map<string, ObjectLiteral>();
    for (const [entity, ids] of groups) {
      const columns = lazyColumnsOf(dataSource.getMetadata(entity).target as Function);
      const rows = await dataSource
        .getRepository(entity)
        .createQueryBuilder('t')
        .select(['t.id', ...columns.map((c) => `t.${c}`)])
        .where('t.id IN (:...ids)', { ids })
        .getMany();
      for (const row of rows) values.set(lazyKey(entity, row.id as string), row);
    }
    return keys.map((k) => values.get(k) ?? null);
  });
}

/** A lazy column of a row: the value the row holds if it was loaded whole, else read through the request's loader. */
export async function lazyColumn<V>(ctx: BaseContext, entity: Function, row: ObjectLiteral & { id: string }, column: string): Promise<V> {
  if (row[column] !== undefined) return row[column] as V;
  return (await ctx.lazy.load(lazyKey(entity.name, row.id)))?.[column] as V;
}

/**
 * A per-request loader of child rows grouped by a parent column (`WHERE parentId IN (…)`),
 * each group in the order of `orderBy`, lean as byIdLoader's. For short lists that do not grow
 * with the data (a facility's campuses, a region's divisions); connections use pagedListLoader.
 */
export function byParentLoader<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  parentColumn: keyof T & string,
  orderBy: keyof T & string = 'id' as keyof T & string,
): DataLoader<string, T[]> {
  const span = `${nameOf(entity)}.loadBy ${parentColumn}`;
  const reader = LeanRows.of(dataSource, entity);
  return new DataLoader<string, T[]>((parentIds) => traced(span, { 'hsg.keys': parentIds.length }, () => children(parentIds)));
  async function children(parentIds: readonly string[]): Promise<T[][]> {
    const rows = await reader.whereIn(parentColumn, parentIds, orderBy === 'id' ? ['id'] : [orderBy, 'id']);
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
  /** The large JSON columns entity loads leave out, for the rows whose fields ask for them (lazyColumn). */
  lazy: DataLoader<string, ObjectLiteral | null>;
}

export function baseContext(dataSource: DataSource, regions: RegionScope, request: RequestInfo, logger: Logger): BaseContext {
  return {
    request,
    regions,
    logger: logger.child({ requestId: request.requestId }),
    dataSource,
    sources: byIdLoader(dataSource, SourceDocument),
    history: historyLoader(dataSource),
    lazy: lazyLoader(dataSource),
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
