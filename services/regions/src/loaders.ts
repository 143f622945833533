import {
  byIdLoader,
  byParentLoader,
  pagedListLoader,
  type BaseContext,
  type ConnectionShape,
  type RegionLevel,
  type ScopedKey,
} from '@hsg/framework';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Region } from './region';
import { descendantQuery } from './region.resolver';

export interface RegionsContext extends BaseContext {
  regionById: DataLoader<string, Region | null>;
  childrenOf: DataLoader<string, Region[]>;
  descendantsOf: DataLoader<ScopedKey<keyof typeof RegionLevel>, ConnectionShape<Region>, string>;
  regionBySlug: DataLoader<string, Region | null>;
}

/** Fresh loaders for every request, so one request never sees another's cache. */
export function createContext(base: BaseContext): RegionsContext {
  const { dataSource } = base;
  const regionById = byIdLoader(dataSource, Region);
  return {
    ...base,
    regionById,
    childrenOf: byParentLoader(dataSource, Region, 'parentId'),
    descendantsOf: pagedListLoader({
      typeName: 'Region',
      dataSource,
      query: (regionId, level) => descendantQuery(dataSource, regionId, level),
      byId: regionById,
    }),
    regionBySlug: new DataLoader<string, Region | null>(async (slugs) => {
      const rows = await dataSource.getRepository(Region).findBy({ slug: In([...slugs]) });
      const bySlug = new Map(rows.map((r) => [r.slug, r]));
      return slugs.map((s) => bySlug.get(s) ?? null);
    }),
  };
}
