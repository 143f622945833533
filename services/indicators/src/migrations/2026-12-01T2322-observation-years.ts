import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: an observation's first and last year (`yearFrom`, `yearTo`), indexed, so year
 * windows filter in SQL. Rows already there get them from their period, as the declaration derives
 * them for new ones ("2016-2020" → 2016–2020, "2024-06/2024-09" and "2024-06" → 2024).
 */
export const ObservationYears = sqlMigration('ObservationYears1796167320000', {
  sqlite: [
    'DROP INDEX "IDX_3a65226ac76b7e78c6e2273fca"',
    'DROP INDEX "IDX_add85fe5fb11602901aeb2a6bf"',
    'DROP INDEX "IDX_e13229d2f8765d66b8070f5b40"',
    'CREATE TABLE "temporary_observation" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "indicatorId" varchar NOT NULL, "regionId" varchar, "period" varchar NOT NULL, "value" double precision, "valueText" varchar NOT NULL, "qualifier" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "yearFrom" integer NOT NULL DEFAULT (0), "yearTo" integer NOT NULL DEFAULT (0))',
    'INSERT INTO "temporary_observation"("citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "period", "value", "valueText", "qualifier", "sourceIds") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "period", "value", "valueText", "qualifier", "sourceIds" FROM "observation"',
    'DROP TABLE "observation"',
    'ALTER TABLE "temporary_observation" RENAME TO "observation"',
    'CREATE INDEX "IDX_3a65226ac76b7e78c6e2273fca" ON "observation" ("indicatorId") ',
    'CREATE INDEX "IDX_add85fe5fb11602901aeb2a6bf" ON "observation" ("regionId") ',
    'CREATE INDEX "IDX_e13229d2f8765d66b8070f5b40" ON "observation" ("period") ',
    'CREATE INDEX "IDX_1e15526ca23c752841cd92d5d5" ON "observation" ("yearFrom", "yearTo") ',
    `UPDATE "observation" SET "yearFrom" = CAST(substr("period", 1, 4) AS INTEGER), "yearTo" = CAST(CASE WHEN "period" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]' THEN substr("period", 6, 4) WHEN instr("period", '/') > 0 THEN substr("period", instr("period", '/') + 1, 4) ELSE substr("period", 1, 4) END AS INTEGER)`,
  ],
  postgres: [
    'ALTER TABLE "observation" ADD "yearFrom" integer NOT NULL DEFAULT \'0\'',
    'ALTER TABLE "observation" ADD "yearTo" integer NOT NULL DEFAULT \'0\'',
    'CREATE INDEX "IDX_1e15526ca23c752841cd92d5d5" ON "observation" ("yearFrom", "yearTo") ',
    `UPDATE "observation" SET "yearFrom" = CAST(substr("period", 1, 4) AS INTEGER), "yearTo" = CAST(CASE WHEN "period" ~ '^[0-9]{4}-[0-9]{4}$' THEN substr("period", 6, 4) WHEN strpos("period", '/') > 0 THEN substr("period", strpos("period", '/') + 1, 4) ELSE substr("period", 1, 4) END AS INTEGER)`,
  ],
});
