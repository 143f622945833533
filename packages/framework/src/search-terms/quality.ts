/**
 * How well a spelling holds a searched text: it is the text, starts with it, has it inside, or
 * only has every word apart. Declared once: `search` multiplies a hit's score by it, and a list
 * filter's `search` orders its rows by the same classes, best first (see relevance.ts), so the
 * two agree on which match is better.
 */
export const QUALITY = { exact: 1, prefix: 0.8, inside: 0.6, apart: 0.5 } as const;

export type MatchClass = keyof typeof QUALITY;
