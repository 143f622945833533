import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: organizations get a curated English name (`nameEn`), which `search` and list filters'
 * `search` read ("Shenzhen health commission"); null for rows written before.
 */
export const OrganizationEnglishNames = sqlMigration('OrganizationEnglishNames1796177100000', {
  sqlite: [
    'DROP INDEX "IDX_33b1165fe0ee604d85f767af6c"',
    'DROP INDEX "IDX_833192023b9ad0363733cd3e46"',
    'DROP INDEX "IDX_da6c3ae56a0c3fc3ce81b0e90a"',
    'CREATE TABLE "temporary_organization" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "shortName" varchar, "aliases" text NOT NULL, "type" varchar NOT NULL, "regionId" varchar, "parentId" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "nameEn" varchar)',
    'INSERT INTO "temporary_organization"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "shortName", "aliases", "type", "regionId", "parentId", "sourceIds") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "shortName", "aliases", "type", "regionId", "parentId", "sourceIds" FROM "organization"',
    'DROP TABLE "organization"',
    'ALTER TABLE "temporary_organization" RENAME TO "organization"',
    'CREATE INDEX "IDX_33b1165fe0ee604d85f767af6c" ON "organization" ("type") ',
    'CREATE INDEX "IDX_833192023b9ad0363733cd3e46" ON "organization" ("regionId") ',
    'CREATE INDEX "IDX_da6c3ae56a0c3fc3ce81b0e90a" ON "organization" ("parentId") ',
  ],
  postgres: ['ALTER TABLE "organization" ADD "nameEn" character varying COLLATE "C"'],
});
