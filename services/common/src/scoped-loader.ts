import DataLoader from 'dataloader';
import { connectionFromArray, pageWindow, type ConnectionShape, type PageArgs } from './pagination';

/** A request for one region's list: the region, the list's filter and the page. */
export interface ScopedKey<F> {
  regionId: string;
  filter: F | null | undefined;
  page: PageArgs;
}

/**
 * Per-request loader for a `Region.<list>(filter, first, after)` field. All regions asked for
 * with the same filter are answered by ONE statement (`fetch` gets every region id and must
 * return the rows belonging to any of them, in list order); the rows are then split per region
 * and paged in memory. `belongs` says which rows are a region's: those within its subtree
 * (RegionScope.contains), or only its own (a city's figures are not its districts').
 */
export function regionScopedLoader<T, F>(
  fetch: (regionIds: string[], filter: F | null | undefined) => Promise<T[]>,
  regionOf: (row: T) => string | null,
  belongs: (regionId: string, rowRegionId: string | null) => boolean,
): DataLoader<ScopedKey<F>, ConnectionShape<T>, string> {
  return new DataLoader<ScopedKey<F>, ConnectionShape<T>, string>(
    async (keys) => {
      const groups = new Map<string, ScopedKey<F>[]>();
      for (const key of keys) {
        const group = JSON.stringify(key.filter ?? null);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<ScopedKey<F>, ConnectionShape<T>>();
      for (const group of groups.values()) {
        const regionIds = [...new Set(group.map((k) => k.regionId))];
        const rows = await fetch(regionIds, group[0].filter);
        for (const key of group) {
          const mine = rows.filter((row) => belongs(key.regionId, regionOf(row)));
          results.set(key, connectionFromArray(mine, pageWindow(key.page)));
        }
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => JSON.stringify([k.regionId, k.filter ?? null, k.page.first ?? null, k.page.after ?? null]) },
  );
}
