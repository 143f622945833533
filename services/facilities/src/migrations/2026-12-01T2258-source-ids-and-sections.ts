import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: every cited record's `sourceIds` (the documents its citations name, for
 * `filter.sourceId`), and a target's plan `section` (表2, 专栏3, 第四章 …), indexed. The next start's
 * seed merge fills them for the records from the texts.
 */
export const SourceIdsAndSections = sqlMigration('SourceIdsAndSections1796165880000', {
  sqlite: [
    'DROP INDEX "IDX_0a223115f6029e56e4d5bd5391"',
    'DROP INDEX "IDX_1b17942b5d66647f9a712b3d12"',
    'CREATE TABLE "temporary_designation" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "kind" varchar NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "specialty" varchar, "hostId" varchar, "status" varchar NOT NULL, "regionId" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_designation"("citations", "inferred", "note", "version", "updatedAt", "id", "kind", "name", "pinyin", "specialty", "hostId", "status", "regionId") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "kind", "name", "pinyin", "specialty", "hostId", "status", "regionId" FROM "designation"',
    'DROP TABLE "designation"',
    'ALTER TABLE "temporary_designation" RENAME TO "designation"',
    'CREATE INDEX "IDX_0a223115f6029e56e4d5bd5391" ON "designation" ("hostId") ',
    'CREATE INDEX "IDX_1b17942b5d66647f9a712b3d12" ON "designation" ("kind") ',
    'DROP INDEX "IDX_1cf092d31986a0ea38035d453d"',
    'DROP INDEX "IDX_c61907957316bac464d2e3e02f"',
    'DROP INDEX "IDX_762fc0fcc11ad57b4716997f9f"',
    'CREATE TABLE "temporary_facility" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "aliases" text NOT NULL, "nameEn" varchar, "type" varchar NOT NULL, "specialty" varchar, "ownership" varchar, "affiliation" varchar, "parentId" varchar, "regionId" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_facility"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "aliases", "nameEn", "type", "specialty", "ownership", "affiliation", "parentId", "regionId") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "aliases", "nameEn", "type", "specialty", "ownership", "affiliation", "parentId", "regionId" FROM "facility"',
    'DROP TABLE "facility"',
    'ALTER TABLE "temporary_facility" RENAME TO "facility"',
    'CREATE INDEX "IDX_1cf092d31986a0ea38035d453d" ON "facility" ("regionId") ',
    'CREATE INDEX "IDX_c61907957316bac464d2e3e02f" ON "facility" ("parentId") ',
    'CREATE INDEX "IDX_762fc0fcc11ad57b4716997f9f" ON "facility" ("type") ',
    'DROP INDEX "IDX_57856cedbec1fbed761154d162"',
    'DROP INDEX "IDX_cec9422b2e2fd73388c770ab24"',
    'DROP INDEX "IDX_a29a162be5c364dd3b3dd00d20"',
    'DROP INDEX "IDX_c12e6e89450120f04629168752"',
    'CREATE TABLE "temporary_project" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "type" varchar NOT NULL, "facilityId" varchar, "regionId" varchar, "planId" varchar, "planSection" varchar, "statusReports" text NOT NULL, "status" varchar NOT NULL, "statusAsOf" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'))',
    'INSERT INTO "temporary_project"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "type", "facilityId", "regionId", "planId", "planSection", "statusReports", "status", "statusAsOf") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "type", "facilityId", "regionId", "planId", "planSection", "statusReports", "status", "statusAsOf" FROM "project"',
    'DROP TABLE "project"',
    'ALTER TABLE "temporary_project" RENAME TO "project"',
    'CREATE INDEX "IDX_57856cedbec1fbed761154d162" ON "project" ("status") ',
    'CREATE INDEX "IDX_cec9422b2e2fd73388c770ab24" ON "project" ("regionId") ',
    'CREATE INDEX "IDX_a29a162be5c364dd3b3dd00d20" ON "project" ("facilityId") ',
    'CREATE INDEX "IDX_c12e6e89450120f04629168752" ON "project" ("type") ',
  ],
  postgres: [
    'ALTER TABLE "designation" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "facility" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "project" ADD "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
  ],
});
