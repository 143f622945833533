import { regionStub, type RegionKey } from '@hsg/common';

/** The regions subgraph's Region, referenced by key; this subgraph adds `observations`, `targets` and `plans`. */
export const RegionRef = regionStub();
export type RegionRef = RegionKey;
