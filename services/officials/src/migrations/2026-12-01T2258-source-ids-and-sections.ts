import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: every cited record's `sourceIds` (the documents its citations name, for
 * `filter.sourceId`), and a target's plan `section` (表2, 专栏3, 第四章 …), indexed. The next start's
 * seed merge fills them for the records from the texts.
 */
export const SourceIdsAndSections = sqlMigration('SourceIdsAndSections1796165880000', {
  sqlite: [
    'DROP INDEX "IDX_5031880f1f2d9bab5dda656579"',
    'DROP INDEX "IDX_59fa24440bf9da2058150a18b3"',
    'DROP INDEX "IDX_5daa7b312edd253b31eb53da4d"',
    'CREATE TABLE "temporary_meeting" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "date" varchar NOT NULL, "regionId" varchar, "organizerId" varchar, "appearances" text NOT NULL, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_meeting"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "date", "regionId", "organizerId", "appearances") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "date", "regionId", "organizerId", "appearances" FROM "meeting"',
    'DROP TABLE "meeting"',
    'ALTER TABLE "temporary_meeting" RENAME TO "meeting"',
    'CREATE INDEX "IDX_5031880f1f2d9bab5dda656579" ON "meeting" ("organizerId") ',
    'CREATE INDEX "IDX_59fa24440bf9da2058150a18b3" ON "meeting" ("regionId") ',
    'CREATE INDEX "IDX_5daa7b312edd253b31eb53da4d" ON "meeting" ("date") ',
    'DROP INDEX "IDX_da6c3ae56a0c3fc3ce81b0e90a"',
    'DROP INDEX "IDX_833192023b9ad0363733cd3e46"',
    'DROP INDEX "IDX_33b1165fe0ee604d85f767af6c"',
    'CREATE TABLE "temporary_organization" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "shortName" varchar, "aliases" text NOT NULL, "type" varchar NOT NULL, "regionId" varchar, "parentId" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_organization"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "shortName", "aliases", "type", "regionId", "parentId") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "shortName", "aliases", "type", "regionId", "parentId" FROM "organization"',
    'DROP TABLE "organization"',
    'ALTER TABLE "temporary_organization" RENAME TO "organization"',
    'CREATE INDEX "IDX_da6c3ae56a0c3fc3ce81b0e90a" ON "organization" ("parentId") ',
    'CREATE INDEX "IDX_833192023b9ad0363733cd3e46" ON "organization" ("regionId") ',
    'CREATE INDEX "IDX_33b1165fe0ee604d85f767af6c" ON "organization" ("type") ',
    'CREATE TABLE "temporary_person" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "gender" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_person"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "gender") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "gender" FROM "person"',
    'DROP TABLE "person"',
    'ALTER TABLE "temporary_person" RENAME TO "person"',
    'DROP INDEX "IDX_b1458ebcc1a5c79fc946a4e5d6"',
    'DROP INDEX "IDX_01d34b6e226affe884d75246ff"',
    'DROP INDEX "IDX_843a4f8ee0a5ba26d9dfd690ea"',
    'CREATE TABLE "temporary_post" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "personId" varchar NOT NULL, "organizationId" varchar NOT NULL, "titles" text NOT NULL, "isHead" boolean NOT NULL, "asOf" varchar NOT NULL, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_post"("citations", "inferred", "note", "version", "updatedAt", "id", "personId", "organizationId", "titles", "isHead", "asOf") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "personId", "organizationId", "titles", "isHead", "asOf" FROM "post"',
    'DROP TABLE "post"',
    'ALTER TABLE "temporary_post" RENAME TO "post"',
    'CREATE INDEX "IDX_b1458ebcc1a5c79fc946a4e5d6" ON "post" ("asOf") ',
    'CREATE INDEX "IDX_01d34b6e226affe884d75246ff" ON "post" ("organizationId") ',
    'CREATE INDEX "IDX_843a4f8ee0a5ba26d9dfd690ea" ON "post" ("personId") ',
  ],
  postgres: [
    'ALTER TABLE "meeting" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "organization" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "person" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "post" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
  ],
});
