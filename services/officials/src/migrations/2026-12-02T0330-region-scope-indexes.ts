import { regionScopeIndexes, sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: "within region X" as an index range in list order (see regionScopeIndexes) for the
 * organizations' and meetings' region lists: the plain regionId index served the range, but the page's
 * ORDER BY then sorted every row of the region (12 ms for Guangzhou's projects at 100×).
 */
const steps = [regionScopeIndexes('organization'), regionScopeIndexes('meeting', ['date', 'id'])];

export const RegionScopeIndexes = sqlMigration('RegionScopeIndexes1796182200000', {
  sqlite: steps.flatMap((s) => s.sqlite),
  postgres: steps.flatMap((s) => s.postgres),
});
