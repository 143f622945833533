import { regionScopeCounts, sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: the organizations' and meetings' region lists counted from kept counts (see regionScopeCounts):
 * the page read its rows, but the list's COUNT(*) read every index entry of the region (4.7 ms for
 * Guangzhou's projects at 100× on PostgreSQL).
 */
const steps = [regionScopeCounts('organization'), regionScopeCounts('meeting')];

export const RegionScopeCounts = sqlMigration('RegionScopeCounts1796248200000', {
  sqlite: steps.flatMap((s) => s.sqlite),
  postgres: steps.flatMap((s) => s.postgres),
});
