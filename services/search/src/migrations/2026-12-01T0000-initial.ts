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
    'CREATE TABLE "change" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "source" varchar NOT NULL, "sourceSeq" integer NOT NULL, "at" varchar NOT NULL, "agency" varchar, "operation" varchar NOT NULL, "entityType" varchar NOT NULL, "entityId" varchar NOT NULL, "version" integer NOT NULL)',
    'CREATE INDEX "IDX_06b936b96ee68c8a723b7e4ede" ON "change" ("at") ',
    'CREATE INDEX "IDX_98d96fbfad34c6f6d6662e212b" ON "change" ("entityType") ',
    'CREATE UNIQUE INDEX "IDX_591c0ac81102ab7c348b489283" ON "change" ("source", "sourceSeq") ',
    'CREATE TABLE "feed_position" ("source" varchar PRIMARY KEY NOT NULL, "seq" integer NOT NULL)',
    'CREATE TABLE "search_term" ("id" integer PRIMARY KEY NOT NULL, "kind" varchar NOT NULL, "entityId" varchar NOT NULL, "field" varchar NOT NULL, "value" varchar NOT NULL, "normalized" varchar NOT NULL)',
    'CREATE INDEX "IDX_d01ed81d3c44c83c707ed365b7" ON "search_term" ("kind", "entityId") ',
  ],
  postgres: [
    'CREATE TABLE "source_document" ("id" character varying NOT NULL, "title" character varying NOT NULL, "titleEn" character varying, "publisher" character varying, "publishedOn" character varying, "kind" character varying NOT NULL, CONSTRAINT "PK_96c4b1ff177b8bcd193d1d66fdd" PRIMARY KEY ("id"))',
    'CREATE TABLE "audit_record" ("seq" SERIAL NOT NULL, "at" character varying NOT NULL, "agency" character varying, "operation" character varying NOT NULL, "entityType" character varying NOT NULL, "entityId" character varying NOT NULL, "version" integer NOT NULL, "before" text, "after" text NOT NULL, "source" text, "idempotencyKey" character varying, "requestHash" character varying, CONSTRAINT "PK_e72da936653c69f545ad4b468d0" PRIMARY KEY ("seq"))',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
    'CREATE TABLE "area_member" ("areaId" character varying NOT NULL, "memberId" character varying NOT NULL, CONSTRAINT "PK_403a7e76f3bb4188dd5f92966f5" PRIMARY KEY ("areaId", "memberId"))',
    'CREATE TABLE "change" ("seq" SERIAL NOT NULL, "source" character varying NOT NULL, "sourceSeq" integer NOT NULL, "at" character varying NOT NULL, "agency" character varying, "operation" character varying NOT NULL, "entityType" character varying NOT NULL, "entityId" character varying NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_b6991564d3c020ed5759061fb7e" PRIMARY KEY ("seq"))',
    'CREATE INDEX "IDX_06b936b96ee68c8a723b7e4ede" ON "change" ("at") ',
    'CREATE INDEX "IDX_98d96fbfad34c6f6d6662e212b" ON "change" ("entityType") ',
    'CREATE UNIQUE INDEX "IDX_591c0ac81102ab7c348b489283" ON "change" ("source", "sourceSeq") ',
    'CREATE TABLE "feed_position" ("source" character varying NOT NULL, "seq" integer NOT NULL, CONSTRAINT "PK_3fd612b5184bad51cb651c99d39" PRIMARY KEY ("source"))',
    'CREATE TABLE "search_term" ("id" integer NOT NULL, "kind" character varying NOT NULL, "entityId" character varying NOT NULL, "field" character varying NOT NULL, "value" character varying NOT NULL, "normalized" character varying NOT NULL, CONSTRAINT "PK_efac5cc7f5ca6f95cc480c224c6" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_d01ed81d3c44c83c707ed365b7" ON "search_term" ("kind", "entityId") ',
  ],
});
