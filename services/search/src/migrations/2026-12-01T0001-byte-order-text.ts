import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: on PostgreSQL every text column compares in byte order (COLLATE "C"), as on SQLite,
 * so ids, dates and names sort the same on both whatever the server's locale, and the b-tree
 * indexes serve prefix LIKE (`regionId LIKE '4401%'`). The indexes on the changed columns are
 * rebuilt. Nothing changes on SQLite.
 */
export const ByteOrderText = sqlMigration('ByteOrderText1796083260000', {
  sqlite: [],
  postgres: [
    'ALTER TABLE "source_document" ALTER COLUMN "id" TYPE character varying COLLATE "C"',
    'ALTER TABLE "source_document" ALTER COLUMN "title" TYPE character varying COLLATE "C"',
    'ALTER TABLE "source_document" ALTER COLUMN "titleEn" TYPE character varying COLLATE "C"',
    'ALTER TABLE "source_document" ALTER COLUMN "publisher" TYPE character varying COLLATE "C"',
    'ALTER TABLE "source_document" ALTER COLUMN "publishedOn" TYPE character varying COLLATE "C"',
    'ALTER TABLE "source_document" ALTER COLUMN "kind" TYPE character varying COLLATE "C"',
    'DROP INDEX "search"."IDX_bcb0b608e49a984bbffbb8ff4e"',
    'DROP INDEX "search"."IDX_a3305c8807b26ad46f20b33702"',
    'ALTER TABLE "audit_record" ALTER COLUMN "at" TYPE character varying COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "agency" TYPE character varying COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "operation" TYPE character varying COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "entityType" TYPE character varying COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "entityId" TYPE character varying COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "before" TYPE text COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "after" TYPE text COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "source" TYPE text COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "idempotencyKey" TYPE character varying COLLATE "C"',
    'ALTER TABLE "audit_record" ALTER COLUMN "requestHash" TYPE character varying COLLATE "C"',
    'ALTER TABLE "area_member" ALTER COLUMN "areaId" TYPE character varying COLLATE "C"',
    'ALTER TABLE "area_member" ALTER COLUMN "memberId" TYPE character varying COLLATE "C"',
    'DROP INDEX "search"."IDX_591c0ac81102ab7c348b489283"',
    'ALTER TABLE "change" ALTER COLUMN "source" TYPE character varying COLLATE "C"',
    'ALTER TABLE "change" ALTER COLUMN "at" TYPE character varying COLLATE "C"',
    'ALTER TABLE "change" ALTER COLUMN "agency" TYPE character varying COLLATE "C"',
    'ALTER TABLE "change" ALTER COLUMN "operation" TYPE character varying COLLATE "C"',
    'ALTER TABLE "change" ALTER COLUMN "entityType" TYPE character varying COLLATE "C"',
    'ALTER TABLE "change" ALTER COLUMN "entityId" TYPE character varying COLLATE "C"',
    'ALTER TABLE "feed_position" ALTER COLUMN "source" TYPE character varying COLLATE "C"',
    'DROP INDEX "search"."IDX_d01ed81d3c44c83c707ed365b7"',
    'ALTER TABLE "search_term" ALTER COLUMN "kind" TYPE character varying COLLATE "C"',
    'ALTER TABLE "search_term" ALTER COLUMN "entityId" TYPE character varying COLLATE "C"',
    'ALTER TABLE "search_term" ALTER COLUMN "field" TYPE character varying COLLATE "C"',
    'ALTER TABLE "search_term" ALTER COLUMN "value" TYPE character varying COLLATE "C"',
    'ALTER TABLE "search_term" ALTER COLUMN "normalized" TYPE character varying COLLATE "C"',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
    'CREATE UNIQUE INDEX "IDX_591c0ac81102ab7c348b489283" ON "change" ("source", "sourceSeq") ',
    'CREATE INDEX "IDX_d01ed81d3c44c83c707ed365b7" ON "search_term" ("kind", "entityId") ',
  ],
});
