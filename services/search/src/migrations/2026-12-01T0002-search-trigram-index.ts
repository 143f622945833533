import { sqlMigration } from '@hsg/framework';

/**
 * 2026-12-01: the index that answers substring search (`normalized LIKE '%南沙%'`) on each engine:
 * SQLite's FTS5 with the trigram tokenizer (an external-content table over search_term, rebuilt
 * after every re-index) and PostgreSQL's pg_trgm GIN index. Chinese has no spaces to split words
 * on, so both index every three characters; a shorter query scans, on both. The first release
 * created the FTS5 table on start, hence IF NOT EXISTS.
 */
export const SearchTrigramIndex = sqlMigration('SearchTrigramIndex1796083320000', {
  sqlite: [
    `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(normalized, content='search_term', content_rowid='id', tokenize='trigram')`,
  ],
  postgres: [
    // The list filters' trigram indexes create the extension too, from other subgraphs at once.
    `SELECT pg_advisory_xact_lock(hashtext('pg_trgm'))`,
    `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`,
    `CREATE INDEX "search_term_normalized_trgm" ON "search_term" USING gin ("normalized" gin_trgm_ops)`,
  ],
});
