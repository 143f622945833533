import { regionStub, type RegionKey } from '@hsg/framework';

/** The regions subgraph's Region, referenced by key; this subgraph adds `organizations` and `officials`. */
export const RegionRef = regionStub();
export type RegionRef = RegionKey;
