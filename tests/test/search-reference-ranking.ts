import { charLength, FIELD_WEIGHT, levelWeight, QUALITY, toHit } from '../../services/search/src/ranking';
import { KIND_ORDER, type SearchField, type SearchHit, type SearchKind } from '../../services/search/src/search-hit';

/**
 * The search ranking written over spellings in memory: what the search statement (src/fts.ts) must
 * give, hit for hit (ranking.test.ts). Not used by the service.
 */

export interface Candidate {
  kind: string;
  entityId: string;
  field: string;
  value: string;
  normalized: string;
  /** A region's published tier (null for other entities), which weighs its score. */
  level: string | null;
}

/**
 * Score of one spelling for a normalised query and its words: weight × (exact 1, prefix 0.8,
 * inside 0.6, only every word apart 0.5) × coverage (how much of the spelling the text covers) ×
 * a region's level weight.
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
  return FIELD_WEIGHT[c.field as SearchField] * quality * coverage * levelWeight(c.level);
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
