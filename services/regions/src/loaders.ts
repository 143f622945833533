import { baseContext, byIdLoader, byParentLoader, type BaseContext } from '@hsg/common';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Region } from './region';

export interface RegionsContext extends BaseContext {
  dataSource: DataSource;
  regionById: DataLoader<string, Region | null>;
  childrenOf: DataLoader<string, Region[]>;
}

/** Fresh loaders for every request, so one request never sees another's cache. */
export function createContext(dataSource: DataSource): RegionsContext {
  return {
    ...baseContext(dataSource),
    dataSource,
    regionById: byIdLoader(dataSource, Region),
    childrenOf: byParentLoader(dataSource, Region, 'parentId'),
  };
}
