import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: a meeting's day bounds (`earliestDate`, `latestDate`, narrowed by `notAfter` where a
 * text dates it 近日 in a dated issue), which the date filters compare, so a meeting dated by year
 * only no longer drops out of a range that covers it; and `venueId`, set only where the text states
 * where it was held. The bounds of rows already stored are filled from their dates here.
 */
export const MeetingBoundsAndVenue = sqlMigration('MeetingBoundsAndVenue1796177160000', {
  sqlite: [
    'DROP INDEX "IDX_5daa7b312edd253b31eb53da4d"',
    'DROP INDEX "IDX_59fa24440bf9da2058150a18b3"',
    'DROP INDEX "IDX_5031880f1f2d9bab5dda656579"',
    'CREATE TABLE "temporary_meeting" ("citations" text NOT NULL, "inferred" boolean NOT NULL, "note" text, "version" integer NOT NULL DEFAULT (1), "updatedAt" varchar NOT NULL DEFAULT (\'\'), "id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "date" varchar NOT NULL, "regionId" varchar, "organizerId" varchar, "appearances" text NOT NULL, "sourceIds" varchar NOT NULL DEFAULT (\'\'), "notAfter" varchar, "earliestDate" varchar NOT NULL DEFAULT (\'\'), "latestDate" varchar NOT NULL DEFAULT (\'\'), "venueId" varchar)',
    'INSERT INTO "temporary_meeting"("citations", "inferred", "note", "version", "updatedAt", "id", "name", "date", "regionId", "organizerId", "appearances", "sourceIds") SELECT "citations", "inferred", "note", "version", "updatedAt", "id", "name", "date", "regionId", "organizerId", "appearances", "sourceIds" FROM "meeting"',
    'DROP TABLE "meeting"',
    'ALTER TABLE "temporary_meeting" RENAME TO "meeting"',
    'CREATE INDEX "IDX_5daa7b312edd253b31eb53da4d" ON "meeting" ("date") ',
    'CREATE INDEX "IDX_59fa24440bf9da2058150a18b3" ON "meeting" ("regionId") ',
    'CREATE INDEX "IDX_5031880f1f2d9bab5dda656579" ON "meeting" ("organizerId") ',
    'CREATE INDEX "IDX_feb1923d40475531a235a435fc" ON "meeting" ("earliestDate") ',
    'CREATE INDEX "IDX_8ea5475650b3370a57d3c29cfe" ON "meeting" ("latestDate") ',
    `UPDATE "meeting" SET "earliestDate" = CASE length("date") WHEN 4 THEN "date" || '-01-01' WHEN 7 THEN "date" || '-01' ELSE "date" END, "latestDate" = CASE length("date") WHEN 4 THEN "date" || '-12-31' WHEN 7 THEN date("date" || '-01', '+1 month', '-1 day') ELSE "date" END`,
  ],
  postgres: [
    'ALTER TABLE "meeting" ADD "notAfter" character varying COLLATE "C"',
    'ALTER TABLE "meeting" ADD "earliestDate" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "meeting" ADD "latestDate" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "meeting" ADD "venueId" character varying COLLATE "C"',
    'CREATE INDEX "IDX_feb1923d40475531a235a435fc" ON "meeting" ("earliestDate") ',
    'CREATE INDEX "IDX_8ea5475650b3370a57d3c29cfe" ON "meeting" ("latestDate") ',
    `UPDATE "meeting" SET "earliestDate" = CASE length("date") WHEN 4 THEN "date" || '-01-01' WHEN 7 THEN "date" || '-01' ELSE "date" END, "latestDate" = CASE length("date") WHEN 4 THEN "date" || '-12-31' WHEN 7 THEN to_char(("date" || '-01')::date + interval '1 month' - interval '1 day', 'YYYY-MM-DD') ELSE "date" END`,
  ],
});
