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
    'DROP INDEX "regions"."IDX_bcb0b608e49a984bbffbb8ff4e"',
    'DROP INDEX "regions"."IDX_a3305c8807b26ad46f20b33702"',
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
    'ALTER TABLE "region" ALTER COLUMN "citations" TYPE text COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "note" TYPE text COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "updatedAt" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "id" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "adminCode" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "name" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "pinyin" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "shortName" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "nameEn" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "aliases" TYPE text COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "level" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "kind" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "parentId" TYPE character varying COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "memberIds" TYPE text COLLATE "C"',
    'ALTER TABLE "region" ALTER COLUMN "basis" TYPE character varying COLLATE "C"',
    'CREATE UNIQUE INDEX "IDX_a3305c8807b26ad46f20b33702" ON "audit_record" ("entityType", "entityId", "version") ',
    'CREATE UNIQUE INDEX "IDX_bcb0b608e49a984bbffbb8ff4e" ON "audit_record" ("agency", "idempotencyKey") ',
  ],
});
