import type { SearchField, SearchHit, SearchKind } from './search-hit';

/**
 * How hits are ranked: the constants the search statement (fts.ts) computes with in SQL, and how
 * a ranked row becomes a hit. test/reference-ranking.ts writes the same ranking over spellings in
 * memory, and the tests hold the statement to it.
 */

/** How much a match on each spelling counts: the name itself most, pinyin initials least. */
export const FIELD_WEIGHT: Record<SearchField, number> = {
  NAME: 1,
  SHORT_NAME: 1,
  ALIAS: 0.9,
  NAME_EN: 0.9,
  PINYIN: 0.85,
  PINYIN_INITIALS: 0.5,
};

/**
 * How much a region's level counts, for typeahead: a province or prefecture (广州市) before a
 * county (光泽县) or township whose spelling matches as well. A region's id is its GB/T 2260 code,
 * which says its level (six digits: "440000" a province, "440100" a prefecture, "440115" a county;
 * nine or twelve: a township); a named area's id is a slug, weighed as a prefecture.
 */
export const LEVEL_WEIGHT = { province: 1, prefecture: 1, county: 0.9, township: 0.8, area: 1 } as const;

/** The level weight of an entity: 1 for every kind but Region. */
export function levelWeight(kind: string, entityId: string): number {
  if (kind !== 'Region') return 1;
  if (entityId.toLowerCase() !== entityId.toUpperCase()) return LEVEL_WEIGHT.area;
  if (entityId.length !== 6) return LEVEL_WEIGHT.township;
  return entityId.endsWith('00') ? LEVEL_WEIGHT.prefecture : LEVEL_WEIGHT.county;
}

/** How well a spelling holds the text: it is the text, starts with it, has it inside, or only has every word apart. */
export const QUALITY = { exact: 1, prefix: 0.8, inside: 0.6, apart: 0.5 } as const;

/**
 * Length in characters (code points), which SQL's `length()` counts on both engines; a UTF-16
 * `.length` would count a character outside the BMP (𬌗) twice.
 */
export const charLength = (text: string): number => [...text].length;

/** The best spelling of one entity, with its score unrounded. */
export interface RankedSpelling {
  kind: string;
  entityId: string;
  field: string;
  value: string;
  score: number;
}

/** A ranked spelling as the API returns it: a reference to the entity, the score to 3 decimals. */
export function toHit({ kind, entityId, field, value, score }: RankedSpelling): SearchHit {
  return {
    node: { __typename: kind as SearchKind, id: entityId },
    score: Math.round(score * 1000) / 1000,
    matchedField: field as SearchField,
    matchedText: value,
  };
}
