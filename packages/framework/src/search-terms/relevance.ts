import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { attrsOf, shapeOf, type EntityClass } from '../declarations/declaration';
import { RegionLevel } from '../declarations/enums';
import { escapeLike } from '../filters/predicates';
import { LEVEL_WEIGHT } from '../region-scope/levels';
import { normalize } from './normalize';
import { QUALITY, type MatchClass } from './quality';

/**
 * The order a list filtered by `search` gives its rows, best match first, as sort keys computed
 * in SQL: `searchMatch`, how well the row's best spelling holds the text (QUALITY's classes, best
 * first: 0 a spelling is the text, 1 one starts with it, 2 it is only inside one, or only in a
 * field matched as text but no name, such as a facility's affiliation), then for an entity with a
 * tier (a region) `searchTier`, the higher administrative level first (LEVEL_WEIGHT), then the
 * list's own order (the id). The same classes and weights `search` scores by, so a typeahead over
 * `regions(filter: { search })` agrees with `search(types: ["Region"])`: 广州市 before 光泽县.
 *
 * The keys are small integers of 0 or more, so a cursor carries them (see pagination.ts) and the
 * page's keyset condition compares the same expressions.
 */
export interface Relevance {
  /** The computed keys, in order, before the list's own. */
  keys: string[];
  /** Each key's SQL (the builder's alias, escaped column names, the builder's parameters). */
  sql: Record<string, string>;
}

/** How a list says its order under `filter.search`, in its description; a region list adds its tier (see regions). */
export const BEST_MATCH_FIRST =
  'with `filter.search`, best match first: a name (or its pinyin) that is the text, then one that starts with it, then one that holds it';

/** The classes a list filter tells apart, best first: a list's `search` is one substring, so never "apart". */
const CLASSES = (Object.keys(QUALITY) as MatchClass[]).filter((c) => c !== 'apart').sort((a, b) => QUALITY[b] - QUALITY[a]);

/** The tiers, best first: levels of equal weight (province, prefecture, area) share one. */
const TIERS = [...new Set(Object.values(LEVEL_WEIGHT))].sort((a, b) => b - a);

const RELEVANCE = new WeakMap<object, Relevance>();

/** The relevance order whereSearch gave a list, if it has one (orderOf puts its keys first). */
export function relevanceOf(qb: SelectQueryBuilder<ObjectLiteral>): Relevance | undefined {
  return RELEVANCE.get(qb);
}

/**
 * Orders a list by how well its rows match `search` (see Relevance): records the keys' SQL for
 * orderOf and pageBatch and binds their parameters. The spellings compared are the ones `search`
 * ranks: the fields declared as names, as the list's condition lower-cases them (a list of names,
 * stored as JSON, element by element with its quotes), and each key of the hidden `pinyin` column
 * (space-separated, see pinyinKeys) against the text's normal form.
 */
export function orderBySearch<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, entity: EntityClass, search: string): void {
  const q = (name: string) => qb.connection.driver.escape(name);
  const metadata = qb.connection.getMetadata(entity);
  const column = (key: string) => `${q(qb.alias)}.${q(metadata.findColumnWithPropertyName(key)!.databaseName)}`;
  const text = search.trim().toLowerCase();
  const key = normalize(search);
  const names = attrsOf(entity).filter((a) => a.name);
  const is: Record<Exclude<MatchClass, 'apart' | 'inside'>, string[]> = { exact: [], prefix: [] };
  for (const attr of names) {
    const value = `LOWER(${column(attr.key)})`;
    if (shapeOf(attr).kind === 'list') {
      // An element as the JSON text stores it: "广州" whole, or its opening quote and the text.
      is.exact.push(`${value} LIKE :searchElement ESCAPE '\\'`);
      is.prefix.push(`${value} LIKE :searchElementStart ESCAPE '\\'`);
    } else {
      is.exact.push(`${value} = :searchExact`);
      is.prefix.push(`${value} LIKE :searchPrefix ESCAPE '\\'`);
    }
  }
  if (key && attrsOf(entity).some((a) => a.key === 'pinyin')) {
    const keys = `(' ' || ${column('pinyin')} || ' ')`;
    is.exact.push(`${keys} LIKE :pinyinExact`);
    is.prefix.push(`${keys} LIKE :pinyinPrefix`);
  }
  const element = JSON.stringify(text);
  qb.setParameters({
    searchExact: text,
    searchPrefix: `${escapeLike(text)}%`,
    searchElement: `%${escapeLike(element)}%`,
    searchElementStart: `%${escapeLike(element.slice(0, -1))}%`,
    // normalize() leaves letters and digits only: nothing to escape.
    pinyinExact: `% ${key} %`,
    pinyinPrefix: `% ${key}%`,
  });
  const whens = CLASSES.flatMap((c, i) => (c === 'inside' || !is[c].length ? [] : [`WHEN ${is[c].join(' OR ')} THEN ${i}`]));
  // An entity with no names to compare keeps its own order.
  if (!whens.length) return;
  const sql: Record<string, string> = { searchMatch: `(CASE ${whens.join(' ')} ELSE ${CLASSES.indexOf('inside')} END)` };
  const level = attrsOf(entity).find((a) => shapeOf(a).graphqlEnum === RegionLevel);
  if (level) {
    const tiers = Object.entries(LEVEL_WEIGHT).map(([name, weight]) => `WHEN '${name}' THEN ${TIERS.indexOf(weight)}`);
    sql.searchTier = `(CASE ${column(level.key)} ${tiers.join(' ')} ELSE ${TIERS.length} END)`;
  }
  RELEVANCE.set(qb, { keys: Object.keys(sql), sql });
}
