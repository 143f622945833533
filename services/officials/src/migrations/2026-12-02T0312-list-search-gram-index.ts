import { gramIndex, sqlMigration } from '@hsg/framework';

/**
 * 2026-12-02: the gram index behind the list filters' `search` of one or two characters (organization, person):
 * the trigram index cannot serve them, and Chinese searches are often two characters (医院, 南沙),
 * so they read every row and counted every row for totalCount. Now `<table>_gram` holds each
 * one- and two-character substring with a non-ASCII character of the same columns as the trigram
 * index, filled here and kept in step by triggers; see gramIndex.
 */
const steps = [gramIndex('organization', ['name', 'shortName', 'aliases', 'nameEn']), gramIndex('person', ['name'])];

export const ListSearchGramIndex = sqlMigration('ListSearchGramIndex1796181120000', {
  sqlite: steps.flatMap((s) => s.sqlite),
  postgres: steps.flatMap((s) => s.postgres),
});
