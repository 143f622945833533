import { hasSubtree, regionPrefix, scopeExpression } from '@hsg/framework';
import type { DataSource } from 'typeorm';
import { charLength, FIELD_WEIGHT, LEVEL_WEIGHT, QUALITY } from './ranking';
import { KIND_ORDER } from './search-hit';

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

/**
 * A constant of ranking.ts as an SQL double. A decimal literal is numeric on PostgreSQL and parsed
 * by SQLite's own code; the quotient of two integers is correctly rounded on both, so it is the
 * very double JavaScript has for the literal.
 */
function double(value: number): string {
  const hundredths = Math.round(value * 100);
  if (hundredths / 100 !== value) throw new Error(`${value} is not a whole number of hundredths`);
  return `(CAST(${hundredths} AS DOUBLE PRECISION) / 100)`;
}

const name = (text: string) => {
  if (!/^[A-Za-z_]+$/.test(text)) throw new Error(`"${text}" is not a plain name`);
  return `'${text}'`;
};
const FIELD_WEIGHT_SQL = `CASE field ${Object.entries(FIELD_WEIGHT)
  .map(([field, weight]) => `WHEN ${name(field)} THEN ${double(weight)}`)
  .join(' ')} END`;
// indexOf() gives -1 for a kind the list lacks, so the SQL does too.
const KIND_ORDER_SQL = `CASE kind ${KIND_ORDER.map((kind, i) => `WHEN ${name(kind)} THEN ${i}`).join(' ')} ELSE -1 END`;

// levelWeight() in SQL: a region's published tier (every other entity has none, and weighs 1).
const LEVEL_WEIGHT_SQL = `CASE level ${Object.entries(LEVEL_WEIGHT)
  .map(([level, weight]) => `WHEN ${name(level)} THEN ${double(weight)}`)
  .join(' ')} ELSE ${double(1)} END`;

/**
 * At most this many spellings are ranked, the first in id order (the same on both engines). Text
 * of one or two letters has no trigram and matches much of the index ("a": most pinyin); the cut
 * keeps its cost bounded as the data grows. A text of three letters or more rarely comes near it.
 */
export const MAX_CANDIDATES = 5000;

/** Spellings per hit of the page that give the lowest score a page entity can have (any number is right; more is tighter). */
const TOP_SPELLINGS = 4;

/** Words this long or longer are looked up in the trigram index; a shorter one has no trigram. */
const TRIGRAM = 3;

/** What a search keeps besides the text: each a condition of the candidates, so the cap counts only what is kept. */
export interface SearchScope {
  /** Only entities of these types (`types`). */
  types?: readonly string[];
  /** Only regions of these tiers (`levels`): no other entity has a tier. */
  levels?: readonly string[];
  /**
   * Only entities lying within any of these regions (`within`, as RegionScope.parts gives it: the
   * region itself and, for a named area, its members), by the code-prefix rule RegionScope answers
   * "within" by everywhere else.
   */
  within?: readonly string[];
}

/**
 * The one statement of a search: the spellings that contain every word (served by the trigram
 * index), scored with ranking.ts's constants as test/reference-ranking.ts scores them, the best
 * spelling of each entity, and the first `first` entities in rank order — so the page is all that leaves the database, however many
 * spellings match (up to MAX_CANDIDATES). Ids and kinds compare in byte order
 * on both engines (PostgreSQL's columns are COLLATE "C", migration ByteOrderText), which for ids of
 * ASCII letters, digits and hyphens is localeCompare's order too.
 */
export function searchStatement(
  dataSource: DataSource,
  query: string,
  words: string[],
  first: number,
  { types = [], levels = [], within = [] }: SearchScope = {},
): { sql: string; parameters: (string | number)[] } {
  const sqlite = dataSource.options.type === 'sqlite';
  const parameters: (string | number)[] = [];
  const param = (value: string | number) => {
    parameters.push(value);
    return sqlite ? `?${parameters.length}` : `$${parameters.length}`;
  };
  // normalize() leaves only letters and digits, so the words need no LIKE or FTS5 escaping.
  const like = (w: string) => `${sqlite ? 'f' : 't'}.normalized LIKE ${param(`%${w}%`)}`;
  const long = words.filter((w) => charLength(w) >= TRIGRAM);
  // FTS5 answers MATCH from the index alone; its LIKE re-reads every candidate's text. A phrase of
  // the trigram tokenizer is a substring, case folded like LIKE (the spellings are lower case).
  const where =
    sqlite && long.length
      ? [`search_fts MATCH ${param(long.map((w) => `"${w}"`).join(' '))}`, ...words.filter((w) => !long.includes(w)).map(like)]
      : words.map(like);
  // Only the kinds asked for (`types`): a condition of the candidates, so the cap counts only them.
  // SQLite's unary + keeps the planner on the full-text index rather than the (kind, entityId) one,
  // which would read every spelling of a kind (every township, for Region).
  if (types.length) where.push(`${sqlite ? '+' : ''}t.kind IN (${types.map((k) => param(k)).join(', ')})`);
  if (levels.length) where.push(`t.level IN (${levels.map((l) => param(l)).join(', ')})`);
  // A subtree by its code prefix, anything else (a township, a named area) by its id, as withinDivisionSql has it.
  const inside = (part: string) =>
    hasSubtree(part)
      ? `${scopeExpression('t."regionId"', regionPrefix(part).length)} = ${param(regionPrefix(part))}`
      : `t."regionId" = ${param(part)}`;
  if (within.length) where.push(`(${within.map(inside).join(' OR ')})`);
  const from = sqlite ? 'search_fts f JOIN search_term t ON t.id = f.rowid' : 'search_term t';
  // Typed where used, so PostgreSQL deduces one type for each parameter.
  const text = `CAST(${param(query)} AS TEXT)`;
  const position = `${sqlite ? 'instr' : 'strpos'}(t.normalized, ${text})`;
  const textChars = `CAST(${param(charLength(query))} AS INTEGER)`;
  const wordChars = `CAST(${param(words.reduce((sum, w) => sum + charLength(w), 0))} AS INTEGER)`;
  const limit = `CAST(${param(first)} AS INTEGER)`;
  // FTS5 hands out rows in rowid order, so ordering by its rowid costs no sort.
  const order = sqlite ? 'f.rowid' : 't.id';
  const sql = `WITH matched AS (
  SELECT t.id, t.kind, t."entityId", t.field, t.level, length(t.normalized) AS chars,
    CASE WHEN t.normalized = ${text} THEN ${double(QUALITY.exact)} WHEN ${position} = 1 THEN ${double(QUALITY.prefix)}
      WHEN ${position} > 0 THEN ${double(QUALITY.inside)} ELSE ${double(QUALITY.apart)} END AS quality,
    CASE WHEN ${position} > 0 THEN ${textChars} ELSE ${wordChars} END AS covered
  FROM ${from} WHERE ${where.join(' AND ')}
  ORDER BY ${order} LIMIT ${MAX_CANDIDATES}
), scored AS MATERIALIZED (
  SELECT id, kind, "entityId", chars, ${KIND_ORDER_SQL} AS "kindOrder",
    ${FIELD_WEIGHT_SQL} * quality * (${double(0.5)} + ${double(0.5)} * (CAST(CASE WHEN covered < chars THEN covered ELSE chars END AS DOUBLE PRECISION) / chars)) * ${LEVEL_WEIGHT_SQL} AS score
  FROM matched
), entities AS (
  -- Each entity's best score among the highest-scoring spellings: the page's last entity scores
  -- at least the first-th of these, and ranking them costs a short sort instead of a grouping of
  -- every match.
  SELECT MAX(score) AS score FROM (SELECT kind, "entityId", score FROM scored ORDER BY score DESC LIMIT ${limit} * ${TOP_SPELLINGS}) top
  GROUP BY kind, "entityId"
), best AS (
  SELECT id, "entityId", "kindOrder", chars, score,
    ROW_NUMBER() OVER (PARTITION BY kind, "entityId" ORDER BY score DESC, chars, id) AS nth
  FROM scored
  -- No page entity's best spelling scores below that, so only the few above it are sorted per entity.
  WHERE score >= COALESCE((SELECT score FROM entities ORDER BY score DESC LIMIT 1 OFFSET ${limit} - 1), 0)
), page AS (
  SELECT id, "entityId", "kindOrder", chars, score FROM best WHERE nth = 1
  ORDER BY score DESC, "kindOrder", chars, "entityId" LIMIT ${limit}
)
SELECT t.kind, t."entityId", t.field, t.value, page.score FROM page JOIN search_term t ON t.id = page.id
ORDER BY page.score DESC, page."kindOrder", page.chars, page."entityId"`;
  return { sql, parameters };
}
