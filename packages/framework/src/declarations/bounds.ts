import { z } from 'zod';

/**
 * The bounds of every input value. Each field's longest text and longest list are declared in its
 * `@Attr` (maxLength, maxItems) or follow from what the field is (defaultBoundsOf); the same
 * check runs on seed records and agency writes, before any database work, so no value can make
 * a write's search-index work (pinyin, the gram and trigram rows, all growing with the text)
 * outlast a statement's deadline.
 */
export interface Bounds {
  /** Longest text, in characters (code points): the field's, or each element's of a list. */
  maxLength: number;
  /** Longest list (each list inside a structured value too). */
  maxItems: number;
  /** Whether the text may hold line breaks and tabs (a note), or is one line (a name, an id). */
  multiline: boolean;
}

/** An id or a reference: slugs and division codes are short. */
export const ID_MAX_LENGTH = 100;
/** A Chinese name, short name or alias (the longest in the texts is under 50). */
export const NAME_MAX_LENGTH = 100;
/** An English name (the longest is 155). */
export const NAME_EN_MAX_LENGTH = 300;
/** Other text: a specialty, a plan section, a value as written, a quote (the longest is under 350). */
export const TEXT_MAX_LENGTH = 500;
/** A note explaining an inference or a reading (the longest is 423). */
export const NOTE_MAX_LENGTH = 2000;
/** A list: titles, citations, a programme's members (the longest in the texts holds 11). */
export const LIST_MAX_ITEMS = 100;
/**
 * A list of names (aliases; the longest holds 3): every one is searchable, and the search index's
 * work for a record grows with the square of its names' length (SQLite's substr over UTF-8 in the
 * gram index's triggers), so 20 × 100 characters keeps the largest record's write far inside its deadline.
 */
export const NAME_LIST_MAX_ITEMS = 20;
/** A structured value nests no deeper than this (a list of objects of lists). */
const MAX_DEPTH = 6;

/** What the field is tells its bounds, unless its declaration says otherwise. */
export function defaultBoundsOf(attr: {
  key: string;
  primary?: boolean;
  ref?: unknown;
  name?: string;
  column?: unknown;
  maxLength?: number;
  maxItems?: number;
}): Bounds {
  const note = attr.key === 'note' || attr.column === 'text';
  const fallback =
    attr.primary || typeof attr.ref === 'string'
      ? ID_MAX_LENGTH
      : attr.name === 'NAME_EN'
        ? NAME_EN_MAX_LENGTH
        : attr.name
          ? NAME_MAX_LENGTH
          : note
            ? NOTE_MAX_LENGTH
            : TEXT_MAX_LENGTH;
  return {
    maxLength: attr.maxLength ?? fallback,
    maxItems: attr.maxItems ?? (attr.name ? NAME_LIST_MAX_ITEMS : LIST_MAX_ITEMS),
    multiline: note,
  };
}

/** C0 and C1 control characters (a NUL byte, an escape), line breaks and tabs apart. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** A high surrogate with no low one after it, or a low one with no high one before it (no `u` flag: code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/u;
/** What shows nothing: white space, format characters (zero-width space, joiners, the BOM) and fillers (U+3164). */
const INVISIBLE = /[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;

/**
 * The problem with one text, or null: refused when it is not well-formed UTF-16 (a lone
 * surrogate), holds a control character, shows nothing, or is longer than the bound.
 */
export function textProblem(text: string, bounds: Bounds): string | null {
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text (it holds a lone surrogate)';
  if (CONTROL.test(text)) return 'must not hold control characters (such as a NUL byte)';
  if (!bounds.multiline && LINE_BREAK_OR_TAB.test(text)) return 'must be one line (no line breaks or tabs)';
  if (text.length > 0 && text.replace(INVISIBLE, '').length === 0)
    return 'must show something: it is only white space or invisible characters';
  // Counting code points costs a pass; UTF-16 length bounds it from above, so most texts skip it.
  if (text.length > bounds.maxLength && [...text].length > bounds.maxLength)
    return `must be at most ${bounds.maxLength} characters (got ${[...text].length})`;
  return null;
}

/**
 * A value with every text in Unicode's composed form (NFC), so one spelling is stored one way,
 * checked against the bounds at every depth; each problem is reported at its path.
 */
function guard(value: unknown, bounds: Bounds, ctx: z.RefinementCtx, path: (string | number)[], depth: number): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value, bounds);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem, path });
      return value;
    }
    return value.normalize('NFC');
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) {
    ctx.addIssue({ code: 'custom', message: `must nest at most ${MAX_DEPTH} levels`, path });
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length > bounds.maxItems) {
      ctx.addIssue({ code: 'custom', message: `must hold at most ${bounds.maxItems} items (got ${value.length})`, path });
      return value;
    }
    return value.map((v, i) => guard(v, bounds, ctx, [...path, i], depth + 1));
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, guard(v, bounds, ctx, [...path, k], depth + 1)]));
}

/** The field's rule behind its bounds: texts normalized and checked first, then the rule itself. */
export function bounded(schema: z.ZodType, bounds: Bounds): z.ZodType {
  return z.preprocess((value, ctx) => guard(value, bounds, ctx, [], 0), schema);
}
