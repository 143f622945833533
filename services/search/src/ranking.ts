import { KIND_ORDER, type SearchField, type SearchHit, type SearchKind } from './search-hit';

/**
 * How hits are ranked. The search statement (fts.ts) computes this in SQL from the same constants;
 * `rank()` is the same definition over candidates in memory, which tests hold the statement to.
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

/** How well a spelling holds the text: it is the text, starts with it, has it inside, or only has every word apart. */
export const QUALITY = { exact: 1, prefix: 0.8, inside: 0.6, apart: 0.5 } as const;

/**
 * Length in characters (code points), which SQL's `length()` counts on both engines; a UTF-16
 * `.length` would count a character outside the BMP (𬌗) twice.
 */
export const charLength = (text: string): number => [...text].length;

export interface Candidate {
  kind: string;
  entityId: string;
  field: string;
  value: string;
  normalized: string;
}

/** The best spelling of one entity, with its score unrounded. */
export interface RankedSpelling {
  kind: string;
  entityId: string;
  field: string;
  value: string;
  score: number;
}

/**
 * Score of one spelling for a normalised query and its words: weight × (exact 1, prefix 0.8,
 * inside 0.6, only every word apart 0.5) × coverage (how much of the spelling the text covers).
 * The SQL computes the same operations in the same order, so both give the same double.
 */
export function scoreOf(query: string, words: string[], c: Candidate): number {
  const whole = c.normalized.includes(query);
  const quality =
    c.normalized === query ? QUALITY.exact : c.normalized.startsWith(query) ? QUALITY.prefix : whole ? QUALITY.inside : QUALITY.apart;
  const length = charLength(c.normalized);
  const covered = whole
    ? charLength(query)
    : Math.min(
        words.reduce((n, w) => n + charLength(w), 0),
        length,
      );
  const coverage = 0.5 + 0.5 * (covered / length);
  return FIELD_WEIGHT[c.field as SearchField] * quality * coverage;
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

/**
 * Best spelling per entity (highest score, then the shorter spelling, then the lower id of the
 * spelling, i.e. the first in `candidates` taken in id order), ranked by score, then kind, then
 * the shorter spelling, then entity id.
 */
export function rank(query: string, words: string[], candidates: Candidate[], first: number): SearchHit[] {
  const best = new Map<string, { c: Candidate; score: number; length: number }>();
  for (const c of candidates) {
    const score = scoreOf(query, words, c);
    const length = charLength(c.normalized);
    const key = `${c.kind}:${c.entityId}`;
    const prev = best.get(key);
    if (!prev || score > prev.score || (score === prev.score && length < prev.length)) best.set(key, { c, score, length });
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        KIND_ORDER.indexOf(a.c.kind as SearchKind) - KIND_ORDER.indexOf(b.c.kind as SearchKind) ||
        a.length - b.length ||
        a.c.entityId.localeCompare(b.c.entityId),
    )
    .slice(0, first)
    .map(({ c, score }) => toHit({ ...c, score }));
}
