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
    'CREATE TABLE "indicator" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "nameEn" varchar NOT NULL, "unit" varchar, "domain" varchar, "direction" varchar NOT NULL)',
    'CREATE TABLE "observation" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "indicatorId" varchar NOT NULL, "regionId" varchar, "period" varchar NOT NULL, "value" double precision, "valueText" varchar NOT NULL, "qualifier" varchar)',
    'CREATE INDEX "IDX_3a65226ac76b7e78c6e2273fca" ON "observation" ("indicatorId") ',
    'CREATE INDEX "IDX_add85fe5fb11602901aeb2a6bf" ON "observation" ("regionId") ',
    'CREATE INDEX "IDX_e13229d2f8765d66b8070f5b40" ON "observation" ("period") ',
    'CREATE TABLE "plan" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "nameEn" varchar, "regionId" varchar, "period" varchar, "issuer" varchar)',
    'CREATE INDEX "IDX_e75af48321c9729ec99ed447a0" ON "plan" ("regionId") ',
    'CREATE TABLE "target" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "indicatorId" varchar NOT NULL, "regionId" varchar, "planId" varchar NOT NULL, "year" integer NOT NULL, "comparator" varchar NOT NULL, "value" double precision, "valueText" varchar NOT NULL, "nature" varchar, "baseline" text)',
    'CREATE INDEX "IDX_c659b8ce2b92a2244cd6935af7" ON "target" ("indicatorId") ',
    'CREATE INDEX "IDX_f28cd5147fec30e5a916008c3c" ON "target" ("regionId") ',
    'CREATE INDEX "IDX_25ed9be727194c6dfb789c7359" ON "target" ("planId") ',
  ],
  postgres: [
    'CREATE TABLE "source_document" ("id" character varying NOT NULL, "title" character varying NOT NULL, "titleEn" character varying, "publisher" character varying, "publishedOn" character varying, "kind" character varying NOT NULL, CONSTRAINT "PK_96c4b1ff177b8bcd193d1d66fdd" PRIMARY KEY ("id"))',
    'CREATE TABLE "audit_record" ("seq" SERIAL NOT NULL, "at" character varying NOT NULL, "agency" character varying, "operation" character varying NOT NULL, "entityType" character varying NOT NULL, "entityId" character varying NOT NULL, "version" integer NOT NULL, "before" text, "after" text NOT NULL, "source" text, "idempotencyKey" character varying, "requestHash" character varying, CONSTRAINT "PK_e72da936653c69f545ad4b468d0" PRIMARY KEY ("seq"))',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
    'CREATE TABLE "area_member" ("areaId" character varying NOT NULL, "memberId" character varying NOT NULL, CONSTRAINT "PK_403a7e76f3bb4188dd5f92966f5" PRIMARY KEY ("areaId", "memberId"))',
    'CREATE TABLE "indicator" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "name" character varying NOT NULL, "pinyin" character varying NOT NULL DEFAULT \'\', "nameEn" character varying NOT NULL, "unit" character varying, "domain" character varying, "direction" character varying NOT NULL, CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id"))',
    'CREATE TABLE "observation" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "indicatorId" character varying NOT NULL, "regionId" character varying, "period" character varying NOT NULL, "value" double precision, "valueText" character varying NOT NULL, "qualifier" character varying, CONSTRAINT "PK_77a736edc631a400b788ce302cb" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_3a65226ac76b7e78c6e2273fca" ON "observation" ("indicatorId") ',
    'CREATE INDEX "IDX_add85fe5fb11602901aeb2a6bf" ON "observation" ("regionId") ',
    'CREATE INDEX "IDX_e13229d2f8765d66b8070f5b40" ON "observation" ("period") ',
    'CREATE TABLE "plan" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "name" character varying NOT NULL, "nameEn" character varying, "regionId" character varying, "period" character varying, "issuer" character varying, CONSTRAINT "PK_54a2b686aed3b637654bf7ddbb3" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_e75af48321c9729ec99ed447a0" ON "plan" ("regionId") ',
    'CREATE TABLE "target" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying NOT NULL DEFAULT \'\', "id" character varying NOT NULL, "indicatorId" character varying NOT NULL, "regionId" character varying, "planId" character varying NOT NULL, "year" integer NOT NULL, "comparator" character varying NOT NULL, "value" double precision, "valueText" character varying NOT NULL, "nature" character varying, "baseline" text, CONSTRAINT "PK_9d962204b13c18851ea88fc72f3" PRIMARY KEY ("id"))',
    'CREATE INDEX "IDX_c659b8ce2b92a2244cd6935af7" ON "target" ("indicatorId") ',
    'CREATE INDEX "IDX_f28cd5147fec30e5a916008c3c" ON "target" ("regionId") ',
    'CREATE INDEX "IDX_25ed9be727194c6dfb789c7359" ON "target" ("planId") ',
  ],
});
