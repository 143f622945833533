import { badUserInput } from '@hsg/core';
import { normalize } from '@hsg/framework';

/** English words a name carries or leaves out at will ("Health Commission of Shenzhen"). */
const SKIPPED = new Set(['of', 'the', 'and']);

/** More words than this in one text are refused: each is one more condition on the index. */
export const MAX_WORDS = 8;

/**
 * The words of a search text, each normalised: split at spaces and punctuation, repeats and the
 * English "of", "the" and "and" dropped (unless nothing else is left). A spelling matches when it
 * contains every word, in any order, so "Shenzhen health commission" finds "Shenzhen Municipal
 * Health Commission"; a text of one word (all Chinese text without spaces) is matched whole.
 */
export function searchWords(text: string): string[] {
  const all = [
    ...new Set(
      text
        .split(/[^\p{L}\p{N}]+/u)
        .map(normalize)
        .filter(Boolean),
    ),
  ];
  const kept = all.filter((w) => !SKIPPED.has(w));
  const words = kept.length ? kept : all;
  if (words.length > MAX_WORDS)
    throw badUserInput(`"text" must have at most ${MAX_WORDS} words; leave out the ones every name has.`, 'text');
  return words;
}
