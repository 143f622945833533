import { referenceStub, regionStub, type RegionKey } from '@hsg/framework';

/**
 * The regions subgraph's Region, referenced by key; this subgraph adds `facilities` and `projects`,
 * and hands out the name beside the key where a facility or project names its region.
 */
export const RegionRef = regionStub(true);
export type RegionRef = RegionKey;

/** The indicators subgraph's Plan, referenced by key only. */
export const PlanRef = referenceStub('Plan', 'A plan or action programme (owned by the indicators subgraph).');
