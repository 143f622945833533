import { sqlMigration } from '@hsg/framework';

/**
 * Where each entity lies, kept on its spellings for `search(within:, levels:)`: `regionId` (a
 * region's own id, else the region its owner declares) and `level` (a region's tier). Added as
 * nullable columns, no rebuild, so the SQLite full-text index over the table keeps its rows.
 * An index built before this gets its regions' places here, from their codes (a code's length and
 * trailing zeros are its tier, an id with letters a named area's); every other entity's place
 * arrives with the next change its owner publishes for it, or at once from a fresh index (a new
 * search database fetches every owner's spellings at its first start).
 */
const REGION_LEVEL_FROM_CODE = `CASE WHEN lower("entityId") <> upper("entityId") THEN 'AREA' WHEN length("entityId") <> 6 THEN 'TOWNSHIP'
  WHEN "entityId" LIKE '%0000' THEN 'PROVINCE' WHEN "entityId" LIKE '%00' THEN 'PREFECTURE' ELSE 'COUNTY' END`;
const BACKFILL = `UPDATE "search_term" SET "regionId" = "entityId", "level" = ${REGION_LEVEL_FROM_CODE} WHERE "kind" = 'Region'`;

export const SearchTermPlace = sqlMigration('SearchTermPlace1796675400000', {
  sqlite: [`ALTER TABLE "search_term" ADD COLUMN "regionId" varchar`, `ALTER TABLE "search_term" ADD COLUMN "level" varchar`, BACKFILL],
  postgres: [
    `ALTER TABLE "search_term" ADD "regionId" character varying COLLATE "C"`,
    `ALTER TABLE "search_term" ADD "level" character varying COLLATE "C"`,
    BACKFILL,
  ],
});
