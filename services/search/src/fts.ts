import type { DataSource } from 'typeorm';

/**
 * On SQLite, a full-text index over the normalised spellings with the trigram tokenizer, which
 * answers substring LIKE queries of three or more characters from the index — Chinese has no
 * spaces to tokenise on, so word tokenizers would miss "南沙" inside "广州市南沙区". It mirrors
 * `search_term` (external content) and is rebuilt on every start and after every re-index.
 * PostgreSQL scans `search_term` instead (pg_trgm would be its equivalent).
 */
export async function buildFullTextIndex(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'sqlite') return;
  await dataSource.query(
    `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(normalized, content='search_term', content_rowid='id', tokenize='trigram')`,
  );
  await refreshFullTextIndex(dataSource);
}

/** Rebuilds the full-text index from `search_term` (after the follower re-indexed an entity). */
export async function refreshFullTextIndex(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'sqlite') return;
  await dataSource.query(`INSERT INTO search_fts(search_fts) VALUES('rebuild')`);
}

/** More spellings than this for one query (a one-letter search) are cut before ranking. */
export const MAX_CANDIDATES = 5000;

/** The FROM clause and match condition for a LIKE pattern, per database. */
export function matchSql(dataSource: DataSource): string {
  return dataSource.options.type === 'sqlite'
    ? `SELECT t.kind, t.entityId, t.field, t.value, t.normalized FROM search_fts f JOIN search_term t ON t.id = f.rowid WHERE f.normalized LIKE ? LIMIT ${MAX_CANDIDATES}`
    : `SELECT t.kind, t."entityId", t.field, t.value, t.normalized FROM search_term t WHERE t.normalized LIKE $1 LIMIT ${MAX_CANDIDATES}`;
}
