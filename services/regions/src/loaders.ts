import { byIdLoader, byParentLoader, type BaseContext } from '@hsg/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Region } from './region';

export interface RegionsContext extends BaseContext {
  regionById: DataLoader<string, Region | null>;
  childrenOf: DataLoader<string, Region[]>;
  regionBySlug: DataLoader<string, Region | null>;
}

/** Fresh loaders for every request, so one request never sees another's cache. */
export function createContext(base: BaseContext): RegionsContext {
  const { dataSource } = base;
  return {
    ...base,
    regionById: byIdLoader(dataSource, Region),
    childrenOf: byParentLoader(dataSource, Region, 'parentId'),
    regionBySlug: new DataLoader<string, Region | null>(async (slugs) => {
      const rows = await dataSource.getRepository(Region).findBy({ slug: In([...slugs]) });
      const bySlug = new Map(rows.map((r) => [r.slug, r]));
      return slugs.map((s) => bySlug.get(s) ?? null);
    }),
  };
}
