import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: the tables as the first release created them from its entities on every start.
 * A database that release made already has them: it is adopted as it is, and the migrations after
 * this one bring it up to date.
 */
export const Initial = sqlMigration('Initial1796083200000', {
  adoptsTable: 'source_document',
  sqlite: [
    'CREATE TABLE "source_document" ("id" varchar PRIMARY KEY NOT NULL, "title" varchar NOT NULL, "titleEn" varchar, "publisher" varchar, "publishedOn" varchar, "kind" varchar NOT NULL)',
    'CREATE TABLE "audit_record" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar NOT NULL, "agency" varchar, "operation" varchar NOT NULL, "entityType" varchar NOT NULL, "entityId" varchar NOT NULL, "version" integer NOT NULL, "before" text, "after" text NOT NULL, "source" text, "idempotencyKey" varchar, "requestHash" varchar)',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
    'CREATE TABLE "area_member" ("areaId" varchar NOT NULL, "memberId" varchar NOT NULL, PRIMARY KEY ("areaId", "memberId"))',
    'CREATE TABLE "region" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "adminCode" varchar, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "shortName" varchar NOT NULL, "nameEn" varchar NOT NULL, "aliases" text NOT NULL, "level" varchar NOT NULL, "kind" varchar NOT NULL, "parentId" varchar, "memberIds" text NOT NULL, "basis" varchar)',
    'CREATE INDEX "IDX_ebe754ed1735718016ce2f6221" ON "region" ("level") ',
    'CREATE INDEX "IDX_ed0c8098ce6809925a437f42ae" ON "region" ("parentId") ',
  ],
  postgres: [
    'CREATE TABLE "source_document" ("id" character varying NOT NULL, "title" character varying NOT NULL, "titleEn" character varying, "publisher" character varying, "publishedOn" character varying, "kind" character varying NOT NULL, CONSTRAINT "PK_96c4b1ff177b8bcd193d1d66fdd" PRIMARY KEY ("id"))',
    'CREATE TABLE "audit_record" ("seq" SERIAL NOT NULL, "at" character varying NOT NULL, "agency" character varying, "operation" character varying NOT NULL, "entityType" character varying NOT NULL, "entityId" character varying NOT NULL, "version" integer NOT NULL, "before" text, "after" text NOT NULL, "source" text, "idempotencyKey" character varying, "requestHash" character varying, CONSTRAINT "PK_e72da936653c69f545ad4b468d0" PRIMARY KEY ("seq"))',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
    'CREATE TABLE "area_member" ("areaId" character varying NOT NULL, "memberId" character varying NOT NULL, CONSTRAINT "PK_403a7e76f3bb4188dd5f92966f5" PRIMARY KEY ("areaId", "memberId"))',
    'CREATE TABLE "region" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "adminCode" character varying, "name" character varying NOT NULL, "pinyin" character varying NOT NULL DEFAULT \'\', "shortName" character varying NOT NULL, "nameEn" character varying NOT NULL, "aliases" text NOT NULL, "level" character varying NOT NULL, "kind" character varying NOT NULL, "parentId" character varying, "memberIds" text NOT NULL, "basis" character varying, CONSTRAINT "PK_5f48ffc3af96bc486f5f3f3a6da" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_ebe754ed1735718016ce2f6221" ON "region" ("level") ',
    'CREATE INDEX "IDX_ed0c8098ce6809925a437f42ae" ON "region" ("parentId") ',
  ],
});
