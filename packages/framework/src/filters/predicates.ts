import { badUserInput } from '@hsg/core';
import { Field, InputType, Int } from 'type-graphql';
import type { ObjectLiteral, WhereExpressionBuilder } from 'typeorm';

/** The longest text a predicate compares (as `search`'s): longer text names nothing in the data. */
export const MAX_PREDICATE_TEXT = 100;
/** The most values one list predicate names (`hasAll`, `hasAny`). */
export const MAX_PREDICATE_VALUES = 20;

@InputType({ description: 'A condition on a text field that says what it does; all given parts must hold.' })
export class TextPredicate {
  @Field(() => String, { nullable: true, description: 'Exactly this text (case and all): "主任" is not "副主任".' })
  equals?: string | null;

  @Field(() => String, { nullable: true, description: 'Holds this text anywhere (Latin letters case-folded).' })
  contains?: string | null;

  @Field(() => String, { nullable: true, description: 'Begins with this text (Latin letters case-folded).' })
  startsWith?: string | null;
}

@InputType({ description: "A condition on a list of texts (a post's titles), each element compared exactly; all given parts must hold." })
export class ListPredicate {
  @Field(() => String, { nullable: true, description: 'Holds this element exactly ("主任" matches 主任, not 副主任).' })
  has?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Holds every one of these elements (at most ${MAX_PREDICATE_VALUES}): ["党组书记", "主任"].`,
  })
  hasAll?: string[] | null;

  @Field(() => [String], { nullable: true, description: `Holds at least one of these elements (at most ${MAX_PREDICATE_VALUES}).` })
  hasAny?: string[] | null;
}

@InputType({ description: 'A range of years, both ends included; either end may be left open.' })
export class YearRange {
  @Field(() => Int, { nullable: true, description: 'This year or later.' })
  from?: number | null;

  @Field(() => Int, { nullable: true, description: 'This year or earlier.' })
  to?: number | null;
}

function checkedText(value: string, field: string): string {
  if (value.length < 1 || value.length > MAX_PREDICATE_TEXT) {
    throw badUserInput(`"${field}" must be 1 to ${MAX_PREDICATE_TEXT} characters (MAX_PREDICATE_TEXT); got ${value.length}.`, field);
  }
  return value;
}

/** `s` as a LIKE pattern's literal text (with `ESCAPE '\\'`): `%`, `_` and `\\` match only themselves. */
export const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * Adds a TextPredicate on `column` to a query. `param` makes the parameter names unique in the
 * statement. `equals` compares exactly; `contains` and `startsWith` are LIKE patterns (escaped,
 * so `%` and `_` are plain characters), lower-cased on both sides as `search` is.
 */
export function whereText(
  qb: WhereExpressionBuilder,
  column: string,
  predicate: TextPredicate | null | undefined,
  field: string,
  param: string,
): void {
  if (!predicate) return;
  if (predicate.equals != null)
    qb.andWhere(`${column} = :${param}Eq`, { [`${param}Eq`]: checkedText(predicate.equals, `${field}.equals`) });
  if (predicate.contains != null) {
    const text = checkedText(predicate.contains, `${field}.contains`).toLowerCase();
    qb.andWhere(`LOWER(${column}) LIKE :${param}Contains ESCAPE '\\'`, { [`${param}Contains`]: `%${escapeLike(text)}%` });
  }
  if (predicate.startsWith != null) {
    const text = checkedText(predicate.startsWith, `${field}.startsWith`).toLowerCase();
    qb.andWhere(`LOWER(${column}) LIKE :${param}Starts ESCAPE '\\'`, { [`${param}Starts`]: `${escapeLike(text)}%` });
  }
}

/**
 * Adds a ListPredicate on a JSON list column (simple-json: the JSON text of an array of strings).
 * An element is matched as it is stored, quotes included — `LIKE '%"主任"%'` — so 主任 never
 * matches 副主任: the same text on SQLite and PostgreSQL, with no JSON functions either lacks.
 */
export function whereListHas(
  qb: WhereExpressionBuilder,
  column: string,
  predicate: ListPredicate | null | undefined,
  field: string,
  param: string,
): void {
  if (!predicate) return;
  const element = (value: string, name: string) => `%${escapeLike(JSON.stringify(checkedText(value, name)))}%`;
  const values = (list: string[], name: string) => {
    if (list.length < 1 || list.length > MAX_PREDICATE_VALUES) {
      throw badUserInput(`"${name}" takes 1 to ${MAX_PREDICATE_VALUES} elements (MAX_PREDICATE_VALUES); got ${list.length}.`, name);
    }
    return list.map((v, i) => element(v, `${name}.${i}`));
  };
  const like = (name: string) => `${column} LIKE :${name} ESCAPE '\\'`;
  if (predicate.has != null) qb.andWhere(like(`${param}Has`), { [`${param}Has`]: element(predicate.has, `${field}.has`) });
  if (predicate.hasAll != null) {
    values(predicate.hasAll, `${field}.hasAll`).forEach((v, i) => qb.andWhere(like(`${param}All${i}`), { [`${param}All${i}`]: v }));
  }
  if (predicate.hasAny != null) {
    const patterns = values(predicate.hasAny, `${field}.hasAny`);
    const params: ObjectLiteral = Object.fromEntries(patterns.map((v, i) => [`${param}Any${i}`, v]));
    qb.andWhere(`(${patterns.map((_, i) => like(`${param}Any${i}`)).join(' OR ')})`, params);
  }
}

/** A YearRange on an integer year column (or two, for a period's first and last year: it overlaps the range). */
export function whereYears(
  qb: WhereExpressionBuilder,
  [first, last]: [string, string],
  range: YearRange | null | undefined,
  field: string,
  param: string,
): void {
  if (!range) return;
  for (const [end, value] of [
    ['from', range.from],
    ['to', range.to],
  ] as const) {
    if (value != null && (!Number.isInteger(value) || value < 1000 || value > 9999)) {
      throw badUserInput(`"${field}.${end}" must be a four-digit year; got ${value}.`, `${field}.${end}`);
    }
  }
  if (range.from != null && range.to != null && range.from > range.to) {
    throw badUserInput(`"${field}.from" (${range.from}) is after "${field}.to" (${range.to}).`, `${field}.from`);
  }
  if (range.from != null) qb.andWhere(`${last} >= :${param}From`, { [`${param}From`]: range.from });
  if (range.to != null) qb.andWhere(`${first} <= :${param}To`, { [`${param}To`]: range.to });
}
