import { badUserInput } from '@hsg/core';
import { isCalendarDate } from './rules';

/**
 * Dates are strings as precise as the sources: "2024", "2024-06" or "2024-06-30". A date given as a
 * bound covers its whole period, and a record dated by year or month counts from its period's first
 * day. So "as of D" means "dated before the period after D's", which plain string order decides
 * (the parts have fixed widths; "2024" < "2024-06-30" < "2025").
 */
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export const DATE_RULE =
  'A date "2024", "2024-06" or "2024-06-30"; a year or month covers its whole period, and a record dated only by year or month counts from the period\'s first day.';

/** The start of the period after `date`'s: "2024" → "2025", "2024-12" → "2025-01", "2024-12-31" → "2025-01-01". */
export function nextPeriodStart(date: string, field: string): string {
  // The same calendar rule the input schemas apply (rules.ts), so a filter and a write agree.
  if (!isCalendarDate(date)) throw badUserInput(`"${field}" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; got "${date}".`, field);
  const m = DATE.exec(date)!;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : null];
  if (mo === null) return String(y + 1);
  if (d === null) return new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 7);
  return new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
}

/** A checked lower bound: the date as written, i.e. its period's first day. */
export function periodStart(date: string, field: string): string {
  nextPeriodStart(date, field);
  return date;
}

/**
 * The first and last day a date can mean: "2025" → 2025-01-01 … 2025-12-31, "2025-02" → 2025-02-01 …
 * 2025-02-28, a day → itself; `notAfter` (a day the text rules out anything later than, such as the
 * issue date of a report of something held 近日) narrows the last day. Full days, so plain string
 * order compares them on SQLite and PostgreSQL alike.
 */
export function dayBounds(date: string, notAfter?: string | null): { earliest: string; latest: string } {
  const earliest = firstDay(date);
  const after = new Date(`${nextPeriodStart(date, 'date').padEnd(10, '-01').slice(0, 10)}T00:00:00Z`);
  const last = new Date(after.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { earliest, latest: notAfter != null && notAfter < last ? notAfter : last };
}

/** The first day of a date's period ("2024" → "2024-01-01"), which a lower bound compares with. */
export function firstDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** `firstDay` in SQL, for a date column (the same on SQLite and PostgreSQL). */
export function firstDaySql(column: string): string {
  return `(CASE length(${column}) WHEN 4 THEN ${column} || '-01-01' WHEN 7 THEN ${column} || '-01' ELSE ${column} END)`;
}
