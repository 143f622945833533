import { sqlMigration, trigramIndex } from '@hsg/framework';

/**
 * 2026-12-02: the trigram index behind the list filters' `search` (indicator): the filter matches
 * text anywhere in a name, which no b-tree serves, so it read every row. Now FTS5 with the trigram
 * tokenizer on SQLite (kept in step by triggers) and pg_trgm GIN indexes on PostgreSQL serve text
 * of three characters or more; the columns are the ones `searchColumnsOf` lists today, plus pinyin.
 */
const steps = [trigramIndex('indicator', ['name', 'nameEn', 'aliases'])];

export const ListSearchTrigramIndex = sqlMigration('ListSearchTrigramIndex1796177400000', {
  sqlite: steps.flatMap((s) => s.sqlite),
  postgres: steps.flatMap((s) => s.postgres),
});
