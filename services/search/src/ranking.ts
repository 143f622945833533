import { LEVEL_WEIGHT, QUALITY } from '@hsg/framework';
import type { SearchField, SearchHit, SearchKind } from './search-hit';

export { LEVEL_WEIGHT, QUALITY };

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
 * A region's score is weighed by its tier (LEVEL_WEIGHT, declared once for `search` and the regions
 * list's `search` order): 广州市 before 光泽县 for "guangz". The tier is the one the regions owner
 * publishes with the region's spellings; every other entity has none and weighs 1.
 */
export function levelWeight(level: string | null): number {
  return level ? LEVEL_WEIGHT[level as keyof typeof LEVEL_WEIGHT] : 1;
}

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
