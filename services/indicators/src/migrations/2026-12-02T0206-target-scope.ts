import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: a target's `scope`: whether it is set for its region as a whole (every stored row so
 * far, the default) or for each city or county in it on its own.
 */
export const TargetScopeColumn = sqlMigration('TargetScopeColumn1796177160000', {
  sqlite: [
    'DROP INDEX "IDX_5da4bab8835285a90b2f7c6b3e"',
    'DROP INDEX "IDX_c659b8ce2b92a2244cd6935af7"',
    'DROP INDEX "IDX_f28cd5147fec30e5a916008c3c"',
    'DROP INDEX "IDX_25ed9be727194c6dfb789c7359"',
    'CREATE TABLE "temporary_target" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "indicatorId" varchar NOT NULL, "regionId" varchar, "planId" varchar NOT NULL, "year" integer NOT NULL, "comparator" varchar NOT NULL, "value" double precision, "valueText" varchar NOT NULL, "nature" varchar, "baseline" text, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "section" varchar, "scope" varchar NOT NULL DEFAULT (\'REGION\'))',
    'INSERT INTO "temporary_target"("citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "planId", "year", "comparator", "value", "valueText", "nature", "baseline", "sourceIds", "section") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "planId", "year", "comparator", "value", "valueText", "nature", "baseline", "sourceIds", "section" FROM "target"',
    'DROP TABLE "target"',
    'ALTER TABLE "temporary_target" RENAME TO "target"',
    'CREATE INDEX "IDX_5da4bab8835285a90b2f7c6b3e" ON "target" ("section") ',
    'CREATE INDEX "IDX_c659b8ce2b92a2244cd6935af7" ON "target" ("indicatorId") ',
    'CREATE INDEX "IDX_f28cd5147fec30e5a916008c3c" ON "target" ("regionId") ',
    'CREATE INDEX "IDX_25ed9be727194c6dfb789c7359" ON "target" ("planId") ',
  ],
  postgres: ['ALTER TABLE "target" ADD "scope" character varying COLLATE "C" NOT NULL DEFAULT \'REGION\''],
});
