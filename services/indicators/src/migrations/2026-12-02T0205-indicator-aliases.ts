import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: indicators get `aliases` (the texts' other spellings, and words people search by such as
 * 托育), which list filters' `search` and the search index read; rows written before start with none.
 */
export const IndicatorAliases = sqlMigration('IndicatorAliases1796177100000', {
  sqlite: [
    'CREATE TABLE "temporary_indicator" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "nameEn" varchar NOT NULL, "unit" varchar, "domain" varchar, "direction" varchar NOT NULL, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "aliases" text NOT NULL)',
    'INSERT INTO "temporary_indicator"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "nameEn", "unit", "domain", "direction", "sourceIds", "aliases") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "nameEn", "unit", "domain", "direction", "sourceIds", \'[]\' FROM "indicator"',
    'DROP TABLE "indicator"',
    'ALTER TABLE "temporary_indicator" RENAME TO "indicator"',
  ],
  postgres: [
    'ALTER TABLE "indicator" ADD "aliases" text COLLATE "C" NOT NULL DEFAULT \'[]\'',
    'ALTER TABLE "indicator" ALTER COLUMN "aliases" DROP DEFAULT',
  ],
});
