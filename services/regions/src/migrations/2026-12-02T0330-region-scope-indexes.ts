import { regionScopeIndexes, sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: `Region.descendants` is one SQL list, the region's code subtree by prefix (see
 * descendantQuery); its scope indexes serve that prefix in id order, where the list used to load
 * the subtree level by level and page it in memory (a province: 1,907 regions for any page).
 */
const { sqlite, postgres } = regionScopeIndexes('region', ['id'], 'id');

export const RegionScopeIndexes = sqlMigration('RegionScopeIndexes1796182200000', { sqlite, postgres });
