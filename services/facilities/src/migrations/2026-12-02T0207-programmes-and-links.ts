import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: the groupings the texts make become records (`programme`: "1+1+6" with its eight
 * members, 专栏6's clusters apart from its social-capital hospitals), and a project links to the
 * designation it sets up and the campus it builds (`designationId`, `campusId`, indexed for the way
 * back, each with the basis in the texts). The next start's seed merge fills them from the seeds.
 */
export const ProgrammesAndLinks = sqlMigration('ProgrammesAndLinks1796177220000', {
  sqlite: [
    'CREATE TABLE "programme" ("citations" text NOT NULL, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "planId" varchar, "planSection" varchar, "projectId" varchar, "projectIds" text NOT NULL, "designationIds" text NOT NULL)',
    'DROP INDEX "IDX_c12e6e89450120f04629168752"',
    'DROP INDEX "IDX_a29a162be5c364dd3b3dd00d20"',
    'DROP INDEX "IDX_cec9422b2e2fd73388c770ab24"',
    'DROP INDEX "IDX_57856cedbec1fbed761154d162"',
    'CREATE TABLE "temporary_project" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "pinyin" varchar NOT NULL DEFAULT (\'\'), "type" varchar NOT NULL, "facilityId" varchar, "regionId" varchar, "planId" varchar, "planSection" varchar, "statusReports" text NOT NULL, "status" varchar NOT NULL, "statusAsOf" varchar, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "designationId" varchar, "designationBasis" varchar, "campusId" varchar, "campusBasis" varchar)',
    'INSERT INTO "temporary_project"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "type", "facilityId", "regionId", "planId", "planSection", "statusReports", "status", "statusAsOf", "sourceIds") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "pinyin", "type", "facilityId", "regionId", "planId", "planSection", "statusReports", "status", "statusAsOf", "sourceIds" FROM "project"',
    'DROP TABLE "project"',
    'ALTER TABLE "temporary_project" RENAME TO "project"',
    'CREATE INDEX "IDX_c12e6e89450120f04629168752" ON "project" ("type") ',
    'CREATE INDEX "IDX_a29a162be5c364dd3b3dd00d20" ON "project" ("facilityId") ',
    'CREATE INDEX "IDX_cec9422b2e2fd73388c770ab24" ON "project" ("regionId") ',
    'CREATE INDEX "IDX_57856cedbec1fbed761154d162" ON "project" ("status") ',
    'CREATE INDEX "IDX_5b04ab668346d1d5f7c6a9dd80" ON "project" ("designationId") ',
    'CREATE INDEX "IDX_3833f3380841be8bef220c218a" ON "project" ("campusId") ',
  ],
  postgres: [
    'CREATE TABLE "programme" ("citations" text COLLATE "C" NOT NULL, "sourceIds" character varying COLLATE "C" NOT NULL DEFAULT \'\', "inferred" boolean NOT NULL, "note" text COLLATE "C", "version" integer NOT NULL DEFAULT \'1\', "updatedAt" character varying COLLATE "C" NOT NULL DEFAULT \'\', "id" character varying COLLATE "C" NOT NULL, "name" character varying COLLATE "C" NOT NULL, "pinyin" character varying COLLATE "C" NOT NULL DEFAULT \'\', "planId" character varying COLLATE "C", "planSection" character varying COLLATE "C", "projectId" character varying COLLATE "C", "projectIds" text COLLATE "C" NOT NULL, "designationIds" text COLLATE "C" NOT NULL, CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id"))',
    'ALTER TABLE "project" ADD "designationId" character varying COLLATE "C"',
    'ALTER TABLE "project" ADD "designationBasis" character varying COLLATE "C"',
    'ALTER TABLE "project" ADD "campusId" character varying COLLATE "C"',
    'ALTER TABLE "project" ADD "campusBasis" character varying COLLATE "C"',
    'CREATE INDEX "IDX_5b04ab668346d1d5f7c6a9dd80" ON "project" ("designationId") ',
    'CREATE INDEX "IDX_3833f3380841be8bef220c218a" ON "project" ("campusId") ',
  ],
});
