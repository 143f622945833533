import { type Qualifier } from '@hsg/framework';

type QualifierKey = keyof typeof Qualifier;

/** Words and signs that make a figure a bound or an approximation, as the texts write them. */
const QUALIFIERS: [RegExp, QualifierKey][] = [
  [/^(＞|>|超过|超|大于|高于)/, 'GT'],
  [/^(＜|<|低于|少于|不足)/, 'LT'],
  [/^(≥|>=|不低于|不少于|至少)|以上$/, 'GTE'],
  [/^(≤|<=|不超过|不高于|控制在)|以下$|以内$/, 'LTE'],
  [/^约|左右$/, 'APPROX'],
];

/**
 * Reads a figure as the seeds record it: the first number as written ("970家" → 970, "超过100万份"
 * → 100, the unit is the indicator's) and its qualifier ("＞95" → GT, "75左右" → APPROX, "30%以上" →
 * GTE). A text with no number ("—") has no value.
 */
export function parseValueText(valueText: string): { value: number | null; qualifier: QualifierKey | null } {
  const text = valueText.trim().replace(/[%％]/g, '');
  const number = /[-+]?\d+(?:\.\d+)?/.exec(text.replace(/,/g, ''));
  const qualifier = QUALIFIERS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
  return { value: number ? Number(number[0]) : null, qualifier };
}
