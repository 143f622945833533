import { gramIndex, sqlMigration, trigramIndex } from '@hsg/framework';

/**
 * 2026-12-07: plans get `filter.search`, like the other named lists: `aliases` (the shorter names
 * the texts give a plan or its subject, 检查检验结果互认) and the hidden `pinyin` of the names,
 * with the trigram and gram indexes over them (see trigramIndex, gramIndex). Rows already there
 * start with no aliases and no pinyin; the next start's seed merge fills both.
 */
const searched = ['name', 'nameEn', 'aliases'];

export const PlanSearch = sqlMigration('PlanSearch1796676480000', {
  sqlite: [
    'DROP INDEX "IDX_e75af48321c9729ec99ed447a0"',
    'CREATE TABLE "temporary_plan" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "nameEn" varchar, "regionId" varchar, "period" varchar, "issuer" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "issuerIds" text NOT NULL DEFAULT (\'[]\'), "pinyin" varchar NOT NULL DEFAULT (\'\'), "aliases" text NOT NULL)',
    'INSERT INTO "temporary_plan"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "nameEn", "regionId", "period", "issuer", "sourceIds", "issuerIds", "aliases") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "nameEn", "regionId", "period", "issuer", "sourceIds", "issuerIds", \'[]\' FROM "plan"',
    'DROP TABLE "plan"',
    'ALTER TABLE "temporary_plan" RENAME TO "plan"',
    'CREATE INDEX "IDX_e75af48321c9729ec99ed447a0" ON "plan" ("regionId") ',
    ...trigramIndex('plan', searched).sqlite,
    ...gramIndex('plan', searched).sqlite,
  ],
  postgres: [
    'ALTER TABLE "plan" ADD "pinyin" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "plan" ADD "aliases" text COLLATE "C" NOT NULL DEFAULT \'[]\'',
    'ALTER TABLE "plan" ALTER COLUMN "aliases" DROP DEFAULT',
    ...trigramIndex('plan', searched).postgres,
    ...gramIndex('plan', searched).postgres,
  ],
});
