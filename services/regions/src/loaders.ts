import { byIdLoader, byParentLoader, type BaseContext } from '@hsg/common';
import type DataLoader from 'dataloader';
import { Region } from './region';

export interface RegionsContext extends BaseContext {
  regionById: DataLoader<string, Region | null>;
  childrenOf: DataLoader<string, Region[]>;
}

/** Fresh loaders for every request, so one request never sees another's cache. */
export function createContext(base: BaseContext): RegionsContext {
  const { dataSource } = base;
  return {
    ...base,
    regionById: byIdLoader(dataSource, Region),
    childrenOf: byParentLoader(dataSource, Region, 'parentId'),
  };
}
