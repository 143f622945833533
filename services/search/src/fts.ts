import type { DataSource } from 'typeorm';

/**
 * Substring search over the normalised spellings is served by a trigram index on both engines
 * (migrations/2026-12-01-search-trigram-index.ts): on SQLite an FTS5 table mirroring
 * `search_term` (external content, so it is rebuilt after the table changes), on PostgreSQL a
 * pg_trgm GIN index, which follows the table by itself.
 */
export async function refreshFullTextIndex(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'sqlite') return;
  await dataSource.query(`INSERT INTO search_fts(search_fts) VALUES('rebuild')`);
}

/** More spellings than this for one query (a one-letter search) are cut before ranking. */
export const MAX_CANDIDATES = 5000;

/**
 * The spellings matching every one of `patterns` LIKE patterns (one per word of the text), per
 * engine, in id order so that the cut at MAX_CANDIDATES, and with it the ranking, is the same on both.
 */
export function matchSql(dataSource: DataSource, patterns = 1): string {
  const sqlite = dataSource.options.type === 'sqlite';
  const where = Array.from({ length: patterns }, (_, i) => (sqlite ? 'f.normalized LIKE ?' : `t.normalized LIKE $${i + 1}`)).join(' AND ');
  return sqlite
    ? `SELECT t.kind, t.entityId, t.field, t.value, t.normalized FROM search_fts f JOIN search_term t ON t.id = f.rowid WHERE ${where} ORDER BY t.id LIMIT ${MAX_CANDIDATES}`
    : `SELECT t.kind, t."entityId", t.field, t.value, t.normalized FROM search_term t WHERE ${where} ORDER BY t.id LIMIT ${MAX_CANDIDATES}`;
}
