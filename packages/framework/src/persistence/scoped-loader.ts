import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { connectionFromPage, pageKey, pageRequest, type ConnectionShape, type PageArgs } from './pagination';
import { orderOf, pageBatch } from './sql-page';

/** A request for one parent's list (a region's projects, a plan's targets): the parent, the list's filter and the page. */
export interface ScopedKey<F> {
  parentId: string;
  filter: F | null | undefined;
  page: PageArgs;
}

export interface PagedListOptions<T extends { id: string }, F> {
  /** The node type's GraphQL name: cursors name it. */
  typeName: string;
  dataSource: DataSource;
  /** One parent's filtered list as SQL, ordered by its sort key (`orderBy`, the id last). */
  query: (parentId: string, filter: F | null | undefined) => SelectQueryBuilder<T>;
  /** The request's by-id loader, shared with references: it is primed with the page's rows. */
  byId: DataLoader<string, T | null>;
  /** The row as this list answers it (a post flagged stale for the date asked); the by-id loader's rows stay as they are. */
  answer?: (row: T, filter: F | null | undefined) => T;
}

/**
 * Per-request loader for a list field of many parents (`Region.projects(filter, first, after)`,
 * `Plan.targets`). Keys asking the same filter and page are answered together: ONE statement reads
 * each parent's page, its rows and its count (pageBatch). The statements per request are the same
 * for 1 or 100 parents and at any table size.
 */
export function pagedListLoader<T extends { id: string }, F>(
  options: PagedListOptions<T, F>,
): DataLoader<ScopedKey<F>, ConnectionShape<T>, string> {
  const { typeName, dataSource, query, byId, answer } = options;
  return new DataLoader<ScopedKey<F>, ConnectionShape<T>, string>(
    async (keys) => {
      const groups = new Map<string, ScopedKey<F>[]>();
      for (const key of keys) {
        const group = JSON.stringify([key.filter ?? null, ...pageKey(key.page)]);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<ScopedKey<F>, ConnectionShape<T> | Error>();
      for (const group of groups.values()) {
        const { filter, page } = group[0];
        const parentIds = [...new Set(group.map((k) => k.parentId))];
        try {
          const lists = parentIds.map((id) => query(id, filter));
          const request = pageRequest(page, orderOf(lists[0] as SelectQueryBuilder<ObjectLiteral>, typeName));
          const pages = await pageBatch(dataSource, lists, request);
          parentIds.forEach((parentId, i) => {
            const mine = primed(byId, pages[i].rows).map((row) => (answer ? answer(row, filter) : row));
            const connection = connectionFromPage(mine, pages[i].total, request);
            for (const key of group) if (key.parentId === parentId) results.set(key, connection);
          });
        } catch (e) {
          // A bad cursor or page size is this group's error, not the whole batch's.
          for (const key of group) results.set(key, e as Error);
        }
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.parentId, k.filter ?? null, ...pageKey(k.page)]) },
  );
}

/**
 * A page's rows, handed to the request's by-id loader too, so a later load of the same record (a
 * reference, a parent) reads no more SQL. A row the loader already holds stays as it is.
 */
export function primed<T extends { id: string }>(byId: DataLoader<string, T | null>, rows: T[]): T[] {
  for (const row of rows) byId.prime(row.id, row);
  return rows;
}
