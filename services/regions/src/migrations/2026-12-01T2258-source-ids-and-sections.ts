import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: every cited record's `sourceIds` (the documents its citations name, for
 * `filter.sourceId`), and a target's plan `section` (表2, 专栏3, 第四章 …), indexed. The next start's
 * seed merge fills them for the records from the texts.
 */
export const SourceIdsAndSections = sqlMigration('SourceIdsAndSections1796165880000', {
  sqlite: [
    'DROP INDEX "IDX_ed0c8098ce6809925a437f42ae"',
    'DROP INDEX "IDX_ebe754ed1735718016ce2f6221"',
    'CREATE TABLE "temporary_region" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "adminCode" varchar, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "shortName" varchar NOT NULL, "nameEn" varchar NOT NULL, "aliases" text NOT NULL, "level" varchar NOT NULL, "kind" varchar NOT NULL, "parentId" varchar, "memberIds" text NOT NULL, "basis" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_region"("citations", "inferred", "note", "version", "updatedAt", "id", "adminCode", "name", "pinyin", "shortName", "nameEn", "aliases", "level", "kind", "parentId", "memberIds", "basis") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "adminCode", "name", "pinyin", "shortName", "nameEn", "aliases", "level", "kind", "parentId", "memberIds", "basis" FROM "region"',
    'DROP TABLE "region"',
    'ALTER TABLE "temporary_region" RENAME TO "region"',
    'CREATE INDEX "IDX_ed0c8098ce6809925a437f42ae" ON "region" ("parentId") ',
    'CREATE INDEX "IDX_ebe754ed1735718016ce2f6221" ON "region" ("level") ',
  ],
  postgres: ['ALTER TABLE "region" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\''],
});
