import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: every cited record's `sourceIds` (the documents its citations name, for
 * `filter.sourceId`), and a target's plan `section` (表2, 专栏3, 第四章 …), indexed. The next start's
 * seed merge fills them for the records from the texts.
 */
export const SourceIdsAndSections = sqlMigration('SourceIdsAndSections1796165880000', {
  sqlite: [
    'CREATE TABLE "temporary_indicator" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "nameEn" varchar NOT NULL, "unit" varchar, "domain" varchar, "direction" varchar NOT NULL, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_indicator"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "nameEn", "unit", "domain", "direction") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "nameEn", "unit", "domain", "direction" FROM "indicator"',
    'DROP TABLE "indicator"',
    'ALTER TABLE "temporary_indicator" RENAME TO "indicator"',
    'DROP INDEX "IDX_e13229d2f8765d66b8070f5b40"',
    'DROP INDEX "IDX_add85fe5fb11602901aeb2a6bf"',
    'DROP INDEX "IDX_3a65226ac76b7e78c6e2273fca"',
    'CREATE TABLE "temporary_observation" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "indicatorId" varchar NOT NULL, "regionId" varchar, "period" varchar NOT NULL, "value" double precision, "valueText" varchar NOT NULL, "qualifier" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_observation"("citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "period", "value", "valueText", "qualifier") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "period", "value", "valueText", "qualifier" FROM "observation"',
    'DROP TABLE "observation"',
    'ALTER TABLE "temporary_observation" RENAME TO "observation"',
    'CREATE INDEX "IDX_e13229d2f8765d66b8070f5b40" ON "observation" ("period") ',
    'CREATE INDEX "IDX_add85fe5fb11602901aeb2a6bf" ON "observation" ("regionId") ',
    'CREATE INDEX "IDX_3a65226ac76b7e78c6e2273fca" ON "observation" ("indicatorId") ',
    'DROP INDEX "IDX_e75af48321c9729ec99ed447a0"',
    'CREATE TABLE "temporary_plan" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "nameEn" varchar, "regionId" varchar, "period" varchar, "issuer" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_plan"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "nameEn", "regionId", "period", "issuer") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "nameEn", "regionId", "period", "issuer" FROM "plan"',
    'DROP TABLE "plan"',
    'ALTER TABLE "temporary_plan" RENAME TO "plan"',
    'CREATE INDEX "IDX_e75af48321c9729ec99ed447a0" ON "plan" ("regionId") ',
    'DROP INDEX "IDX_25ed9be727194c6dfb789c7359"',
    'DROP INDEX "IDX_f28cd5147fec30e5a916008c3c"',
    'DROP INDEX "IDX_c659b8ce2b92a2244cd6935af7"',
    'CREATE TABLE "temporary_target" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "indicatorId" varchar NOT NULL, "regionId" varchar, "planId" varchar NOT NULL, "year" integer NOT NULL, "comparator" varchar NOT NULL, "value" double precision, "valueText" varchar NOT NULL, "nature" varchar, "baseline" text, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "section" varchar)',
    'INSERT INTO "temporary_target"("citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "planId", "year", "comparator", "value", "valueText", "nature", "baseline") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "indicatorId", "regionId", "planId", "year", "comparator", "value", "valueText", "nature", "baseline" FROM "target"',
    'DROP TABLE "target"',
    'ALTER TABLE "temporary_target" RENAME TO "target"',
    'CREATE INDEX "IDX_25ed9be727194c6dfb789c7359" ON "target" ("planId") ',
    'CREATE INDEX "IDX_f28cd5147fec30e5a916008c3c" ON "target" ("regionId") ',
    'CREATE INDEX "IDX_c659b8ce2b92a2244cd6935af7" ON "target" ("indicatorId") ',
    'CREATE INDEX "IDX_5da4bab8835285a90b2f7c6b3e" ON "target" ("section") ',
  ],
  postgres: [
    'ALTER TABLE "indicator" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "observation" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "plan" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "target" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "target" ADD "section" character varying COLLATE "C"',
    'CREATE INDEX "IDX_5da4bab8835285a90b2f7c6b3e" ON "target" ("section") ',
  ],
});
