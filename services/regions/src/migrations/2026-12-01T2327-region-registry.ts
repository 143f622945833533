import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: the region registry: every division of the statistics bureau's code list, each with
 * its `source` (code list, text, or both) and a `slug`; indexes for the lookups by name, short name,
 * slug and code. The next start's seed merge adds the code list's divisions.
 */
export const RegionRegistry = sqlMigration('RegionRegistry1796167620000', {
  sqlite: [
    'DROP INDEX "IDX_ebe754ed1735718016ce2f6221"',
    'DROP INDEX "IDX_ed0c8098ce6809925a437f42ae"',
    'CREATE TABLE "temporary_region" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "adminCode" varchar, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "shortName" varchar NOT NULL, "nameEn" varchar NOT NULL, "aliases" text NOT NULL, "level" varchar NOT NULL, "kind" varchar NOT NULL, "parentId" varchar, "memberIds" text NOT NULL, "basis" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "slug" varchar, "source" varchar NOT NULL DEFAULT (\'TEXT\'))',
    'INSERT INTO "temporary_region"("citations", "inferred", "note", "version", "updatedAt", "id", "adminCode", "name", "pinyin", "shortName", "nameEn", "aliases", "level", "kind", "parentId", "memberIds", "basis", "sourceIds") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "adminCode", "name", "pinyin", "shortName", "nameEn", "aliases", "level", "kind", "parentId", "memberIds", "basis", "sourceIds" FROM "region"',
    'DROP TABLE "region"',
    'ALTER TABLE "temporary_region" RENAME TO "region"',
    'CREATE INDEX "IDX_ebe754ed1735718016ce2f6221" ON "region" ("level") ',
    'CREATE INDEX "IDX_ed0c8098ce6809925a437f42ae" ON "region" ("parentId") ',
    'CREATE INDEX "IDX_0cbbd2ec30bb4088097302f170" ON "region" ("adminCode") ',
    'CREATE INDEX "IDX_3841e4e5f60d832922848a1252" ON "region" ("slug") ',
    'CREATE INDEX "IDX_8d766fc1d4d2e72ecd5f6567a0" ON "region" ("name") ',
    'CREATE INDEX "IDX_1ac4d0a10a20493eb7f9fcc09c" ON "region" ("shortName") ',
    'CREATE INDEX "IDX_3c77c0ec32a47f02e3e696cffa" ON "region" ("kind") ',
    'CREATE INDEX "IDX_eaf46ed7786fe7ac73b3895684" ON "region" ("source") ',
  ],
  postgres: [
    'ALTER TABLE "region" ADD "slug" character varying COLLATE "C"',
    'ALTER TABLE "region" ADD "source" character varying COLLATE "C" NOT NULL DEFAULT \'TEXT\'',
    'CREATE INDEX "IDX_0cbbd2ec30bb4088097302f170" ON "region" ("adminCode") ',
    'CREATE INDEX "IDX_3841e4e5f60d832922848a1252" ON "region" ("slug") ',
    'CREATE INDEX "IDX_8d766fc1d4d2e72ecd5f6567a0" ON "region" ("name") ',
    'CREATE INDEX "IDX_1ac4d0a10a20493eb7f9fcc09c" ON "region" ("shortName") ',
    'CREATE INDEX "IDX_3c77c0ec32a47f02e3e696cffa" ON "region" ("kind") ',
    'CREATE INDEX "IDX_eaf46ed7786fe7ac73b3895684" ON "region" ("source") ',
  ],
});
