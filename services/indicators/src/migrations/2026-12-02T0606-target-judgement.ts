import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: a target's stored `judgement` (MET, MISSED or null while no figure decides it), kept
 * by refreshJudgements, so `targets(filter: { attainment })` is a WHERE and pages in SQL instead of
 * reading the filtered list whole and judging every target in code. Filled at the next start.
 */
export const TargetJudgement = sqlMigration('TargetJudgement1796191560000', {
  sqlite: [
    'DROP INDEX "IDX_25ed9be727194c6dfb789c7359"',
    'DROP INDEX "IDX_f28cd5147fec30e5a916008c3c"',
    'DROP INDEX "IDX_c659b8ce2b92a2244cd6935af7"',
    'DROP INDEX "IDX_5da4bab8835285a90b2f7c6b3e"',
    'CREATE TABLE "temporary_target" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "indicatorId" varchar NOT NULL, "regionId" varchar, "planId" varchar NOT NULL, "year" integer NOT NULL, "comparator" varchar NOT NULL, "value" double precision, "valueText" varchar NOT NULL, "nature" varchar, "baseline" text, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "section" varchar, "scope" varchar NOT NULL DEFAULT (\'REGION\'), "judgement" varchar)',
    'INSERT INTO "temporary_target"("citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "planId", "year", "comparator", "value", "valueText", "nature", "baseline", "sourceIds", "section", "scope") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "planId", "year", "comparator", "value", "valueText", "nature", "baseline", "sourceIds", "section", "scope" FROM "target"',
    'DROP TABLE "target"',
    'ALTER TABLE "temporary_target" RENAME TO "target"',
    'CREATE INDEX "IDX_25ed9be727194c6dfb789c7359" ON "target" ("planId") ',
    'CREATE INDEX "IDX_f28cd5147fec30e5a916008c3c" ON "target" ("regionId") ',
    'CREATE INDEX "IDX_c659b8ce2b92a2244cd6935af7" ON "target" ("indicatorId") ',
    'CREATE INDEX "IDX_5da4bab8835285a90b2f7c6b3e" ON "target" ("section") ',
    'CREATE INDEX "IDX_ae006506bcdcb0a8e3b885a9e2" ON "target" ("judgement") ',
  ],
  postgres: [
    'ALTER TABLE "target" ADD "judgement" character varying COLLATE "C"',
    'CREATE INDEX "IDX_ae006506bcdcb0a8e3b885a9e2" ON "target" ("judgement") ',
  ],
});
