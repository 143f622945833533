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
    'CREATE TABLE "meeting" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "date" varchar NOT NULL, "regionId" varchar, "organizerId" varchar, "appearances" text NOT NULL)',
    'CREATE INDEX "IDX_5daa7b312edd253b31eb53da4d" ON "meeting" ("date") ',
    'CREATE INDEX "IDX_59fa24440bf9da2058150a18b3" ON "meeting" ("regionId") ',
    'CREATE INDEX "IDX_5031880f1f2d9bab5dda656579" ON "meeting" ("organizerId") ',
    'CREATE TABLE "organization" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "shortName" varchar, "aliases" text NOT NULL, "type" varchar NOT NULL, "regionId" varchar, "parentId" varchar)',
    'CREATE INDEX "IDX_33b1165fe0ee604d85f767af6c" ON "organization" ("type") ',
    'CREATE INDEX "IDX_833192023b9ad0363733cd3e46" ON "organization" ("regionId") ',
    'CREATE INDEX "IDX_da6c3ae56a0c3fc3ce81b0e90a" ON "organization" ("parentId") ',
    'CREATE TABLE "person" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "gender" varchar)',
    'CREATE TABLE "post" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "personId" varchar NOT NULL, "organizationId" varchar NOT NULL, "titles" text NOT NULL, "isHead" boolean NOT NULL, "asOf" varchar NOT NULL)',
    'CREATE INDEX "IDX_843a4f8ee0a5ba26d9dfd690ea" ON "post" ("personId") ',
    'CREATE INDEX "IDX_01d34b6e226affe884d75246ff" ON "post" ("organizationId") ',
    'CREATE INDEX "IDX_b1458ebcc1a5c79fc946a4e5d6" ON "post" ("asOf") ',
  ],
  postgres: [
    'CREATE TABLE "source_document" ("id" character varying NOT NULL, "title" character varying NOT NULL, "titleEn" character varying, "publisher" character varying, "publishedOn" character varying, "kind" character varying NOT NULL, CONSTRAINT "PK_96c4b1ff177b8bcd193d1d66fdd" PRIMARY KEY ("id"))',
    'CREATE TABLE "audit_record" ("seq" SERIAL NOT NULL, "at" character varying NOT NULL, "agency" character varying, "operation" character varying NOT NULL, "entityType" character varying NOT NULL, "entityId" character varying NOT NULL, "version" integer NOT NULL, "before" text, "after" text NOT NULL, "source" text, "idempotencyKey" character varying, "requestHash" character varying, CONSTRAINT "PK_e72da936653c69f545ad4b468d0" PRIMARY KEY ("seq"))',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
    'CREATE TABLE "area_member" ("areaId" character varying NOT NULL, "memberId" character varying NOT NULL, CONSTRAINT "PK_403a7e76f3bb4188dd5f92966f5" PRIMARY KEY ("areaId", "memberId"))',
    'CREATE TABLE "meeting" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "name" character varying NOT NULL, "date" character varying NOT NULL, "regionId" character varying, "organizerId" character varying, "appearances" text NOT NULL, CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_5daa7b312edd253b31eb53da4d" ON "meeting" ("date") ',
    'CREATE INDEX "IDX_59fa24440bf9da2058150a18b3" ON "meeting" ("regionId") ',
    'CREATE INDEX "IDX_5031880f1f2d9bab5dda656579" ON "meeting" ("organizerId") ',
    'CREATE TABLE "organization" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "name" character varying NOT NULL, "pinyin" character varying NOT NULL DEFAULT \'\', "shortName" character varying, "aliases" text NOT NULL, "type" character varying NOT NULL, "regionId" character varying, "parentId" character varying, CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_33b1165fe0ee604d85f767af6c" ON "organization" ("type") ',
    'CREATE INDEX "IDX_833192023b9ad0363733cd3e46" ON "organization" ("regionId") ',
    'CREATE INDEX "IDX_da6c3ae56a0c3fc3ce81b0e90a" ON "organization" ("parentId") ',
    'CREATE TABLE "person" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "name" character varying NOT NULL, "pinyin" character varying NOT NULL DEFAULT \'\', "gender" character varying, CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))',
    'CREATE TABLE "post" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "personId" character varying NOT NULL, "organizationId" character varying NOT NULL, "titles" text NOT NULL, "isHead" boolean NOT NULL, "asOf" character varying NOT NULL, CONSTRAINT "PK_be5fda3aac270b134ff9c21cdee" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_843a4f8ee0a5ba26d9dfd690ea" ON "post" ("personId") ',
    'CREATE INDEX "IDX_01d34b6e226affe884d75246ff" ON "post" ("organizationId") ',
    'CREATE INDEX "IDX_b1458ebcc1a5c79fc946a4e5d6" ON "post" ("asOf") ',
  ],
});
