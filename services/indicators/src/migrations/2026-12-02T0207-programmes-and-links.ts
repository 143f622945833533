import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: a plan's issuers as organizations (`issuerIds`, beside the `issuer` text as written);
 * rows written before start with none, and the next start's seed merge fills them from the seeds.
 */
export const ProgrammesAndLinks = sqlMigration('ProgrammesAndLinks1796177220000', {
  sqlite: [
    'DROP INDEX "IDX_e75af48321c9729ec99ed447a0"',
    'CREATE TABLE "temporary_plan" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "nameEn" varchar, "regionId" varchar, "period" varchar, "issuer" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "issuerIds" text NOT NULL DEFAULT (\'[]\'))',
    'INSERT INTO "temporary_plan"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "nameEn", "regionId", "period", "issuer", "sourceIds") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "nameEn", "regionId", "period", "issuer", "sourceIds" FROM "plan"',
    'DROP TABLE "plan"',
    'ALTER TABLE "temporary_plan" RENAME TO "plan"',
    'CREATE INDEX "IDX_e75af48321c9729ec99ed447a0" ON "plan" ("regionId") ',
  ],
  postgres: ['ALTER TABLE "plan" ADD "issuerIds" text COLLATE "C" NOT NULL DEFAULT \'[]\''],
});
