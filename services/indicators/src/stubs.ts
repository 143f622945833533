import { referenceStub, regionStub, type RegionKey } from '@hsg/framework';

/** The regions subgraph's Region, referenced by key; this subgraph adds `observations`, `targets` and `plans`. */
export const RegionRef = regionStub();
export type RegionRef = RegionKey;

/** The officials subgraph's Organization, referenced by key only (a plan's issuers). */
export const OrganizationRef = referenceStub('Organization', 'A government body, commission or bureau (owned by the officials subgraph).');
