import { badUserInput } from '@hsg/core';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { searchColumnsOf, type EntityClass } from '../declarations/declaration';
import { escapeLike } from '../filters/predicates';
import { normalize } from './normalize';
import { orderBySearch } from './relevance';

/**
 * A LIKE pattern for a user's search text, lower-cased and with LIKE's wildcards escaped
 * (use with `ESCAPE '\\'`). Empty or overlong text is refused with the field's name.
 */
export function likePattern(search: string, field: string): string {
  const q = search.trim();
  if (q.length < 1 || q.length > 50) throw badUserInput(`"${field}" must be 1 to 50 characters.`, field);
  return `%${escapeLike(q.toLowerCase())}%`;
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

/** A trigram index answers text of three characters or more; shorter text is the gram index's (gramIndex) or scans. */
const TRIGRAM = 3;

/** The short-text index of a table's searched columns: `<table>_gram` (see gramIndex). */
const gramTable = (table: string) => `${table}_gram`;

/** The gram index holds every substring of one or two characters (code points) that has a non-ASCII character. */
const GRAM = 2;

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/u;

/**
 * The gram index's key for a search, or null when one lookup cannot answer it exactly. The text,
 * lower-cased as the LIKE pattern has it, must be one or two characters with a non-ASCII one
 * (Latin "gz" would need every ASCII gram stored; it scans). The index holds the grams of the
 * `pinyin` column too, so the lookup also answers searchCondition's pinyin half when that half
 * looks for the same text: when the normalised key equals the lowered text (Chinese: 医院 is its
 * own key), or when the key is empty and the text has no letter or digit, which every non-ASCII
 * gram of `pinyin` has. Otherwise the halves differ (full-width "Ａ" is "a" to the pinyin half;
 * "医·" is "医") and the search scans. `pinyin` holds ASCII for what pinyin-pro spells, but keeps
 * what it cannot ("α", rare characters), so its grams are indexed rather than assumed absent.
 */
function gramKey(search: string): string | null {
  const lowered = search.trim().toLowerCase();
  if ([...lowered].length > GRAM || !NON_ASCII.test(lowered)) return null;
  const key = normalize(search);
  if (key === lowered || (!key && !/[\p{L}\p{N}]/u.test(lowered))) return lowered;
  return null;
}

/** Lists whose only condition whereSearch made a gram lookup: their count is the gram index's (see gramList). */
const GRAM_LISTS = new WeakMap<object, { table: string; gram: string; condition: string }>();

/**
 * The gram index rows that are exactly a list's rows, when the list is a table's rows filtered by
 * a short `search` alone (no other condition, no join): its count can then read the gram index
 * only (`COUNT(*) WHERE gram = ?`), which the triggers keep holding one row per matching id (its
 * page reads the rows, which a search ranks by their names). Undefined for any other list, which
 * keeps its own condition (`id IN (…)`).
 */
export function gramList(qb: SelectQueryBuilder<ObjectLiteral>): { table: string; gram: string } | undefined {
  const list = GRAM_LISTS.get(qb);
  const map = qb.expressionMap;
  const only = map.wheres.length === 1 && map.wheres[0].condition === list?.condition;
  if (!list || !only || map.joinAttributes.length || map.groupBys.length || map.havings.length) return undefined;
  return { table: list.table, gram: list.gram };
}

/**
 * A list filter's `search` on a query builder, served by an index when one answers it exactly:
 * text of one or two characters by the table's gram index (gramIndex), longer text by its
 * trigram index (trigramIndex).
 *
 * Gram index: the lookup replaces the LIKE, as `id IN (SELECT id FROM <table>_gram WHERE gram =
 * ?)`. The grams are what LOWER(column) holds, computed by the same engine's LOWER and substr, so
 * the ids are exactly those the LIKE finds; the list's order, paging and other filters stay the
 * query's own. A list filtered by the search alone is counted from the gram index only (gramList).
 *
 * Trigram index: on PostgreSQL the condition itself is what the pg_trgm indexes serve (one per
 * column, `LOWER(column)` as the condition writes it). On SQLite the FTS5 table narrows the rows
 * to those holding the text in any column, case folded (so never fewer than the LIKE finds), and
 * the LIKE then keeps exactly today's matches: the same rows, in the same order, on both engines.
 *
 * The rows come best match first (orderBySearch): how well a name holds the text, then a region's
 * tier, then the list's own order.
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
  const table = qb.connection.getMetadata(entity).tableName;
  orderBySearch(qb, entity, search);
  const gram = gramKey(search);
  if (gram) {
    const lookup = `${alias}.id IN (SELECT "id" FROM "${gramTable(table)}" WHERE "gram" = :searchGram)`;
    if (qb.expressionMap.wheres.length === 0) GRAM_LISTS.set(qb, { table: gramTable(table), gram, condition: lookup });
    return qb.andWhere(lookup, { searchGram: gram });
  }
  const text = search.trim();
  const key = normalize(search);
  const indexed = [...text].length >= TRIGRAM && (!key || [...key].length >= TRIGRAM);
  if (qb.connection.options.type !== 'sqlite' || !indexed) return qb.andWhere(condition, parameters);
  const fts = trigramTable(table);
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
 * that rebuilds the table (SQLite's way to change a column, which drops its triggers) or changes
 * the searched columns runs these steps, and gramIndex's, again: they start by dropping what they
 * build. PostgreSQL: a pg_trgm GIN index per column (kept if it exists), named `*_trgm` so the
 * schema diff leaves it alone.
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
      // From scratch each time, so a later migration can run these again with other columns.
      ...['insert', 'delete', 'update'].map((t) => `DROP TRIGGER IF EXISTS "${fts}_${t}"`),
      `DROP TABLE IF EXISTS "${fts}"`,
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
      ...columns.map((c) => `CREATE INDEX IF NOT EXISTS "${table}_${c}_trgm" ON "${table}" USING gin (LOWER("${c}") gin_trgm_ops)`),
      `CREATE INDEX IF NOT EXISTS "${table}_pinyin_trgm" ON "${table}" USING gin ("pinyin" gin_trgm_ops)`,
    ],
  };
}

/**
 * The SELECT of the grams of rows of `table` (aliased x) matching `where`: per searched column,
 * each substring of LOWER(column) one or two characters long that has a non-ASCII character, and
 * the same of `pinyin` (not lower-cased, as the LIKE on it; see gramKey). Written in the
 * engine's own LOWER and substr, which are what the LIKE compares with (SQLite folds ASCII only,
 * PostgreSQL by the column's collation), so the index holds exactly what the LIKE finds.
 * Positions have no upper bound: generate_series on PostgreSQL; on SQLite, where a trigger cannot
 * use a recursive CTE, json_each over an array of length(value) + 1 zeros.
 */
function gramsOf(engine: 'sqlite' | 'postgres', table: string, columns: string[], where: string): string {
  return [...columns.map((c) => `LOWER(x."${c}")`), 'x."pinyin"']
    .map((value) => {
      const gram = `substr(${value}, j.key + 1, k.k)`;
      const positions =
        engine === 'sqlite'
          ? `json_each('[' || replace(hex(zeroblob(length(${value}))), '00', '0,') || '0]') j, (SELECT 1 AS k UNION ALL SELECT 2) k`
          : `generate_series(0, length(${value}) - 1) j(key), (VALUES (1), (2)) k(k)`;
      // More UTF-8 bytes than characters: a non-ASCII character. ASCII values (English names, most pinyin) are skipped whole.
      const nonAscii = (s: string, n: string) => (engine === 'sqlite' ? `length(CAST(${s} AS BLOB)) > ${n}` : `octet_length(${s}) > ${n}`);
      return `SELECT ${gram} AS gram, x."id" AS id FROM "${table}" x, ${positions} WHERE ${where} AND ${nonAscii(value, `length(${value})`)} AND j.key + k.k <= length(${value}) AND ${nonAscii(gram, 'k.k')}`;
    })
    .join(' UNION ALL ');
}

/**
 * The migration steps that give a table the gram index behind its list filter's `search` of one
 * or two characters (see whereSearch): `<table>_gram(gram, id)`, its primary key (gram, id) so a
 * lookup reads the index only, filled once from the table and kept in step by triggers that read
 * the row itself (before an update or delete, the grams to remove; after an insert or update,
 * those to add), so the trigger's grams are the LIKE's on each engine. A migration that rebuilds
 * the table or changes the searched columns runs these steps again (they start by dropping the
 * index and its triggers).
 */
export function gramIndex(table: string, columns: string[]): { sqlite: string[]; postgres: string[] } {
  const grams = gramTable(table);
  const watched = [...columns, 'pinyin'].map((c) => `"${c}"`).join(', ');
  const sqlite = (row: 'new' | 'old') => gramsOf('sqlite', table, columns, `x.rowid = ${row}.rowid`);
  const postgres = (row: 'NEW' | 'OLD') => gramsOf('postgres', table, columns, `x."id" = ${row}."id"`);
  const remove = `DELETE FROM "${grams}" WHERE "id" = old."id" AND "gram" IN (SELECT gram FROM (${sqlite('old')}));`;
  const add = `INSERT OR IGNORE INTO "${grams}"("gram", "id") SELECT gram, id FROM (${sqlite('new')});`;
  const sync = `${grams}_sync`;
  return {
    sqlite: [
      ...['insert', 'delete', 'unset', 'set'].map((t) => `DROP TRIGGER IF EXISTS "${grams}_${t}"`),
      `DROP TABLE IF EXISTS "${grams}"`,
      `CREATE TABLE "${grams}" ("gram" varchar NOT NULL, "id" varchar NOT NULL, PRIMARY KEY ("gram", "id")) WITHOUT ROWID`,
      // In index order: appending to the b-tree takes half the time of inserting at random places.
      `INSERT OR IGNORE INTO "${grams}"("gram", "id") SELECT gram, id FROM (${gramsOf('sqlite', table, columns, '1')}) ORDER BY 1, 2`,
      `CREATE TRIGGER "${grams}_insert" AFTER INSERT ON "${table}" BEGIN ${add} END`,
      `CREATE TRIGGER "${grams}_delete" BEFORE DELETE ON "${table}" BEGIN ${remove} END`,
      `CREATE TRIGGER "${grams}_unset" BEFORE UPDATE OF ${watched} ON "${table}" BEGIN ${remove} END`,
      `CREATE TRIGGER "${grams}_set" AFTER UPDATE OF ${watched} ON "${table}" BEGIN ${add} END`,
    ],
    postgres: [
      ...['unset', 'set'].map((t) => `DROP TRIGGER IF EXISTS "${grams}_${t}" ON "${table}"`),
      `DROP TABLE IF EXISTS "${grams}"`,
      `CREATE TABLE "${grams}" ("gram" character varying COLLATE "C" NOT NULL, "id" character varying COLLATE "C" NOT NULL, PRIMARY KEY ("gram", "id"))`,
      `INSERT INTO "${grams}"("gram", "id") SELECT gram, id FROM (${gramsOf('postgres', table, columns, 'true')}) g ORDER BY 1, 2 ON CONFLICT DO NOTHING`,
      // An array, so the delete is index lookups on the primary key whatever the planner estimates.
      `CREATE OR REPLACE FUNCTION "${sync}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF TG_WHEN = 'BEFORE' THEN
          DELETE FROM "${grams}" WHERE "id" = OLD."id" AND "gram" = ANY (ARRAY(SELECT gram FROM (${postgres('OLD')}) g));
          RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        INSERT INTO "${grams}"("gram", "id") SELECT gram, id FROM (${postgres('NEW')}) g ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER "${grams}_unset" BEFORE DELETE OR UPDATE OF ${watched} ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${sync}"()`,
      `CREATE TRIGGER "${grams}_set" AFTER INSERT OR UPDATE OF ${watched} ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${sync}"()`,
    ],
  };
}
