import { sqlMigration } from '../persistence/migrations';

/**
 * 2026-12-07: a source's own facts are stored (`file`, `dateNote`, `inferred`, `citations`,
 * `note`; they were read at seed time and dropped), so `sources` can answer how a title and date
 * were settled. Every subgraph holds the same `source_document` table, so the change is written
 * once, here, and each subgraph's migrations folder lists it by a file that re-exports it (the
 * migration generator rebuilds each folder's index from its files). Rows already there get an
 * empty file and no citations; the next start's seed merge replaces them with the seeds' (the
 * search subgraph, which never merges, serves no source fields).
 */
export const SourceFacts = sqlMigration('SourceFacts1796676420000', {
  sqlite: [
    'CREATE TABLE "temporary_source_document" ("id" varchar PRIMARY KEY NOT NULL, "title" varchar NOT NULL, "titleEn" varchar, "publisher" varchar, "publishedOn" varchar, "kind" varchar NOT NULL, "file" varchar NOT NULL, "dateNote" text, "inferred" boolean NOT NULL DEFAULT (0), "citations" text NOT NULL, "note" text)',
    'INSERT INTO "temporary_source_document"("id", "title", "titleEn", "publisher", "publishedOn", "kind", "file", "citations") SELECT "id", "title", "titleEn", "publisher", "publishedOn", "kind", \'\', \'[]\' FROM "source_document"',
    'DROP TABLE "source_document"',
    'ALTER TABLE "temporary_source_document" RENAME TO "source_document"',
  ],
  postgres: [
    'ALTER TABLE "source_document" ADD "file" character varying COLLATE "C" NOT NULL DEFAULT \'\'',
    'ALTER TABLE "source_document" ALTER COLUMN "file" DROP DEFAULT',
    'ALTER TABLE "source_document" ADD "dateNote" text COLLATE "C"',
    'ALTER TABLE "source_document" ADD "inferred" boolean NOT NULL DEFAULT false',
    'ALTER TABLE "source_document" ADD "citations" text COLLATE "C" NOT NULL DEFAULT \'[]\'',
    'ALTER TABLE "source_document" ALTER COLUMN "citations" DROP DEFAULT',
    'ALTER TABLE "source_document" ADD "note" text COLLATE "C"',
  ],
});
