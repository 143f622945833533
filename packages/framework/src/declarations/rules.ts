import { z } from 'zod';

/** Field rules shared by the entity declarations (see declaration.ts). */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase ASCII kebab-case');
/** A division's code (6 digits, or 9 for a township) or a named area's slug. */
export const DIVISION_CODE = /^(\d{6}|\d{9})$/;
export const regionId = z
  .string()
  .regex(/^(\d{6}|\d{9}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'must be a division code (6 digits, 9 for a township) or an area slug');

/** Whether a date written YYYY, YYYY-MM or YYYY-MM-DD names a real month and day (2025-02-30 does not). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (month < 1 || month > 12 || day < 1) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

export const date = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date (the month 01-12, the day within the month)');

/** The two ends of a period: "2016-2020" → 2016 and 2020, "2024-06/2024-09" → its months, a single date → itself twice. */
function periodEnds(period: string): [string, string] {
  const years = /^(\d{4})-(\d{4})$/.exec(period);
  if (years) return [years[1], years[2]];
  const [from, to = from] = period.split('/');
  return [from, to];
}

export const period = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2})?|-\d{4})?$/, 'must be a year ("2020"), a month ("2024-06") or a range ("2016-2020")')
  .refine((p) => periodEnds(p).every(isCalendarDate), 'must name real calendar months and days (2025-13 and 2025-02-30 do not exist)')
  // Plain string order compares the ends: their parts have fixed widths.
  .refine((p) => {
    const [from, to] = periodEnds(p);
    return from <= to;
  }, "must run forward: a range's start comes before its end (2016-2020, not 2020-2016)");
export const text = z.string().min(1);

export const citationSchema = z
  .object({
    lines: z.string().regex(/^\d{3}:\d+(-\d+)?$/, 'must look like "002:2318-2328"'),
    quote: z.string().trim().min(2, 'must quote the supporting phrase'),
  })
  .strict();

/** Qualifiers a value as written may start with before its figure (≥95, ＞95, 约30, 超过100万, 至少1.6万). */
const LEADING_FIGURE = /^[≥≤<>=~约近超逾过达到至少不低高于]{0,4}(\d+(?:\.\d+)?)(万|亿)?/;

/**
 * The numbers a value as written leads with: "＞95" → 95; "2.7万个" → 2.7 or 27,000 (the value is in
 * the indicator's unit, which may hold the 万 itself: 万份, 亿元); none for text that leads with
 * words ("全覆盖", "消除30万以上人口县…"), whose number is a reading the text does not spell.
 */
export function leadingFigures(valueText: string): number[] {
  const m = LEADING_FIGURE.exec(valueText.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return [];
  const n = Number(m[1]);
  return m[2] ? [n, n * (m[2] === '万' ? 1e4 : 1e8)] : [n];
}

/** Whether `value` is the figure `valueText` states, where it states one. */
export const figureAgrees = (value: number | null | undefined, valueText: string | null | undefined): boolean => {
  if (value == null || valueText == null) return true;
  const figures = leadingFigures(valueText);
  return figures.length === 0 || figures.some((f) => Math.abs(f - value) <= 1e-9 * Math.max(1, Math.abs(value)));
};

/** A record check: `value` agrees with the figure `valueText` states (in the record, and at `path` within it). */
export function valueAgreesWithText(path: string[] = []) {
  return (record: Record<string, any>, ctx: z.RefinementCtx): void => {
    const holder = path.reduce<Record<string, any> | null | undefined>((r, key) => r?.[key], record);
    if (!holder || figureAgrees(holder.value, holder.valueText)) return;
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'value'],
      message: `${holder.value} is not the figure valueText states ("${holder.valueText}" gives ${leadingFigures(holder.valueText).join(' or ')}); send the two in agreement`,
    });
  };
}
