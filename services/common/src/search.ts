import { badUserInput } from '@hsg/core';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { searchColumnsOf, type EntityClass } from './declaration';
import { normalize } from './normalize';

/**
 * A LIKE pattern for a user's search text, lower-cased and with LIKE's wildcards escaped
 * (use with `ESCAPE '\\'`). Empty or overlong text is refused with the field's name.
 */
export function likePattern(search: string, field: string): string {
  const q = search.trim();
  if (q.length < 1 || q.length > 50) throw badUserInput(`"${field}" must be 1 to 50 characters.`, field);
  return `%${q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/** SQL matching a LIKE pattern against any of the given columns (lower-cased for Latin text). */
export function anyColumnLike(alias: string, columns: string[], param = 'like'): string {
  return `(${columns.map((c) => `LOWER(${alias}.${c}) LIKE :${param} ESCAPE '\\'`).join(' OR ')})`;
}

/**
 * A list filter's `search`: the text as a substring of any of the columns (Chinese, English), or
 * its normalised form inside the row's hidden `pinyin` column (see pinyinKeys), so "nansha",
 * "Nan Sha" and "nsq" find 南沙区. Returns the condition and its parameters for `andWhere`.
 */
export function searchCondition(
  alias: string,
  columns: string[],
  search: string,
  field = 'filter.search',
): [string, Record<string, string>] {
  const like = likePattern(search, field);
  const key = normalize(search);
  // normalize() keeps only letters and digits, so the key needs no LIKE escaping.
  if (!key) return [anyColumnLike(alias, columns), { like }];
  return [`(${anyColumnLike(alias, columns)} OR ${alias}.pinyin LIKE :pinyinLike)`, { like, pinyinLike: `%${key}%` }];
}

/** The trigram index of a table's searched columns: `<table>_trgm` (see trigramIndex). */
const trigramTable = (table: string) => `${table}_trgm`;

/** A trigram index answers text of three characters or more; shorter text scans, on both engines. */
const TRIGRAM = 3;

/**
 * A list filter's `search` on a query builder, served by the table's trigram index (trigramIndex)
 * when the text is long enough for one. On PostgreSQL the condition itself is what the pg_trgm
 * indexes serve (one per column, `LOWER(column)` as the condition writes it). On SQLite the FTS5
 * table narrows the rows to those holding the text in any column, case folded (so never fewer
 * than the LIKE finds), and the LIKE then keeps exactly today's matches: the same rows, in the
 * same order, on both engines.
 */
export function whereSearch<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  entity: EntityClass,
  search: string,
  field = 'filter.search',
): SelectQueryBuilder<T> {
  const alias = qb.alias;
  const columns = searchColumnsOf(entity);
  const [condition, parameters] = searchCondition(alias, columns, search, field);
  const text = search.trim();
  const key = normalize(search);
  const indexed = [...text].length >= TRIGRAM && (!key || [...key].length >= TRIGRAM);
  if (qb.connection.options.type !== 'sqlite' || !indexed) return qb.andWhere(condition, parameters);
  const fts = trigramTable(qb.connection.getMetadata(entity).tableName);
  // An FTS5 phrase: the text in double quotes, a quote written twice.
  const phrase = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const match = `{${columns.join(' ')}} : ${phrase(text)}` + (key ? ` OR pinyin : ${phrase(key)}` : '');
  return qb.andWhere(`${alias}.rowid IN (SELECT rowid FROM "${fts}" WHERE "${fts}" MATCH :trigramMatch) AND ${condition}`, {
    ...parameters,
    trigramMatch: match,
  });
}

/**
 * The migration steps that give a table the trigram index behind its list filter's `search`, over
 * its searched columns and `pinyin`. SQLite: an FTS5 table with the trigram tokenizer mirroring the
 * table (external content keyed by rowid), filled once and kept in step by triggers; a migration
 * that rebuilds the table (SQLite's way to change a column) must run these steps again after it.
 * PostgreSQL: a pg_trgm GIN index per column, named `*_trgm` so the schema diff leaves it alone.
 */
export function trigramIndex(table: string, columns: string[]): { sqlite: string[]; postgres: string[] } {
  const fts = trigramTable(table);
  const all = [...columns, 'pinyin'];
  const list = all.map((c) => `"${c}"`).join(', ');
  const values = (row: 'new' | 'old') => all.map((c) => `${row}."${c}"`).join(', ');
  const remove = `INSERT INTO "${fts}"("${fts}", rowid, ${list}) VALUES ('delete', old.rowid, ${values('old')});`;
  const add = `INSERT INTO "${fts}"(rowid, ${list}) VALUES (new.rowid, ${values('new')});`;
  return {
    sqlite: [
      `CREATE VIRTUAL TABLE "${fts}" USING fts5(${list}, content='${table}', content_rowid='rowid', tokenize='trigram')`,
      `INSERT INTO "${fts}"("${fts}") VALUES ('rebuild')`,
      `CREATE TRIGGER "${fts}_insert" AFTER INSERT ON "${table}" BEGIN ${add} END`,
      `CREATE TRIGGER "${fts}_delete" AFTER DELETE ON "${table}" BEGIN ${remove} END`,
      `CREATE TRIGGER "${fts}_update" AFTER UPDATE OF ${list} ON "${table}" BEGIN ${remove} ${add} END`,
    ],
    postgres: [
      // Subgraphs migrate at the same time on one database; the extension is the database's.
      `SELECT pg_advisory_xact_lock(hashtext('pg_trgm'))`,
      `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`,
      ...columns.map((c) => `CREATE INDEX "${table}_${c}_trgm" ON "${table}" USING gin (LOWER("${c}") gin_trgm_ops)`),
      `CREATE INDEX "${table}_pinyin_trgm" ON "${table}" USING gin ("pinyin" gin_trgm_ops)`,
    ],
  };
}
