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
    'CREATE TABLE "designation" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "kind" varchar NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "specialty" varchar, "hostId" varchar, "status" varchar NOT NULL, "regionId" varchar)',
    'CREATE INDEX "IDX_1b17942b5d66647f9a712b3d12" ON "designation" ("kind") ',
    'CREATE INDEX "IDX_0a223115f6029e56e4d5bd5391" ON "designation" ("hostId") ',
    'CREATE TABLE "facility" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "aliases" text NOT NULL, "nameEn" varchar, "type" varchar NOT NULL, "specialty" varchar, "ownership" varchar, "affiliation" varchar, "parentId" varchar, "regionId" varchar)',
    'CREATE INDEX "IDX_762fc0fcc11ad57b4716997f9f" ON "facility" ("type") ',
    'CREATE INDEX "IDX_c61907957316bac464d2e3e02f" ON "facility" ("parentId") ',
    'CREATE INDEX "IDX_1cf092d31986a0ea38035d453d" ON "facility" ("regionId") ',
    'CREATE TABLE "project" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "type" varchar NOT NULL, "facilityId" varchar, "regionId" varchar, "planId" varchar, "planSection" varchar, "statusReports" text NOT NULL, "status" varchar NOT NULL, "statusAsOf" varchar)',
    'CREATE INDEX "IDX_c12e6e89450120f04629168752" ON "project" ("type") ',
    'CREATE INDEX "IDX_a29a162be5c364dd3b3dd00d20" ON "project" ("facilityId") ',
    'CREATE INDEX "IDX_cec9422b2e2fd73388c770ab24" ON "project" ("regionId") ',
    'CREATE INDEX "IDX_57856cedbec1fbed761154d162" ON "project" ("status") ',
  ],
  postgres: [
    'CREATE TABLE "source_document" ("id" character varying NOT NULL, "title" character varying NOT NULL, "titleEn" character varying, "publisher" character varying, "publishedOn" character varying, "kind" character varying NOT NULL, CONSTRAINT "PK_96c4b1ff177b8bcd193d1d66fdd" PRIMARY KEY ("id"))',
    'CREATE TABLE "audit_record" ("seq" SERIAL NOT NULL, "at" character varying NOT NULL, "agency" character varying, "operation" character varying NOT NULL, "entityType" character varying NOT NULL, "entityId" character varying NOT NULL, "version" integer NOT NULL, "before" text, "after" text NOT NULL, "source" text, "idempotencyKey" character varying, "requestHash" character varying, CONSTRAINT "PK_e72da936653c69f545ad4b468d0" PRIMARY KEY ("seq"))',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
    'CREATE TABLE "area_member" ("areaId" character varying NOT NULL, "memberId" character varying NOT NULL, CONSTRAINT "PK_403a7e76f3bb4188dd5f92966f5" PRIMARY KEY ("areaId", "memberId"))',
    'CREATE TABLE "designation" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "kind" character varying NOT NULL, "name" character varying NOT NULL, "pinyin" character varying NOT NULL DEFAULT \'\', "specialty" character varying, "hostId" character varying, "status" character varying NOT NULL, "regionId" character varying, CONSTRAINT "PK_8c84a3c335a852ff2d426cb0112" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_1b17942b5d66647f9a712b3d12" ON "designation" ("kind") ',
    'CREATE INDEX "IDX_0a223115f6029e56e4d5bd5391" ON "designation" ("hostId") ',
    'CREATE TABLE "facility" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "name" character varying NOT NULL, "pinyin" character varying NOT NULL DEFAULT \'\', "aliases" text NOT NULL, "nameEn" character varying, "type" character varying NOT NULL, "specialty" character varying, "ownership" character varying, "affiliation" character varying, "parentId" character varying, "regionId" character varying, CONSTRAINT "PK_07c6c82781d105a680b5c265be6" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_762fc0fcc11ad57b4716997f9f" ON "facility" ("type") ',
    'CREATE INDEX "IDX_c61907957316bac464d2e3e02f" ON "facility" ("parentId") ',
    'CREATE INDEX "IDX_1cf092d31986a0ea38035d453d" ON "facility" ("regionId") ',
    'CREATE TABLE "project" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "name" character varying NOT NULL, "pinyin" character varying NOT NULL DEFAULT \'\', "type" character varying NOT NULL, "facilityId" character varying, "regionId" character varying, "planId" character varying, "planSection" character varying, "statusReports" text NOT NULL, "status" character varying NOT NULL, "statusAsOf" character varying, CONSTRAINT "PK_4d68b1358bb5b766d3e78f32f57" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_c12e6e89450120f04629168752" ON "project" ("type") ',
    'CREATE INDEX "IDX_a29a162be5c364dd3b3dd00d20" ON "project" ("facilityId") ',
    'CREATE INDEX "IDX_cec9422b2e2fd73388c770ab24" ON "project" ("regionId") ',
    'CREATE INDEX "IDX_57856cedbec1fbed761154d162" ON "project" ("status") ',
  ],
});
