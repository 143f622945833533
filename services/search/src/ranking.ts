import { KIND_ORDER, type SearchField, type SearchHit, type SearchKind } from './search-hit';

/** How much a match on each spelling counts: the name itself most, pinyin initials least. */
const FIELD_WEIGHT: Record<SearchField, number> = {
  NAME: 1,
  SHORT_NAME: 1,
  ALIAS: 0.9,
  NAME_EN: 0.9,
  PINYIN: 0.85,
  PINYIN_INITIALS: 0.5,
};

export interface Candidate {
  kind: string;
  entityId: string;
  field: string;
  value: string;
  normalized: string;
}

/**
 * Score of one spelling for a normalised query and its words: weight × (exact 1, prefix 0.8,
 * inside 0.6, only every word apart 0.5) × coverage (how much of the spelling the text covers).
 */
export function scoreOf(query: string, words: string[], c: Candidate): number {
  const whole = c.normalized.includes(query);
  const quality = c.normalized === query ? 1 : c.normalized.startsWith(query) ? 0.8 : whole ? 0.6 : 0.5;
  const covered = whole
    ? query.length
    : Math.min(
        words.reduce((n, w) => n + w.length, 0),
        c.normalized.length,
      );
  const coverage = 0.5 + 0.5 * (covered / c.normalized.length);
  return FIELD_WEIGHT[c.field as SearchField] * quality * coverage;
}

/** Best spelling per entity, ranked by score, then kind, then the shorter spelling, then id. */
export function rank(query: string, words: string[], candidates: Candidate[], first: number): SearchHit[] {
  const best = new Map<string, { c: Candidate; score: number }>();
  for (const c of candidates) {
    const score = scoreOf(query, words, c);
    const key = `${c.kind}:${c.entityId}`;
    const prev = best.get(key);
    if (!prev || score > prev.score || (score === prev.score && c.normalized.length < prev.c.normalized.length))
      best.set(key, { c, score });
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        KIND_ORDER.indexOf(a.c.kind as SearchKind) - KIND_ORDER.indexOf(b.c.kind as SearchKind) ||
        a.c.normalized.length - b.c.normalized.length ||
        a.c.entityId.localeCompare(b.c.entityId),
    )
    .slice(0, first)
    .map(({ c, score }) => ({
      node: { __typename: c.kind as SearchKind, id: c.entityId },
      score: Math.round(score * 1000) / 1000,
      matchedField: c.field as SearchField,
      matchedText: c.value,
    }));
}
