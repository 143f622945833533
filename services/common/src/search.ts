import { badUserInput } from './errors';

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
