import { badUserInput } from '@hsg/core';
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
