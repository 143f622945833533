import { badUserInput } from '@hsg/core';
import { Field, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { withPrefix } from '../persistence/sql-page';
import { TextPredicate, whereText } from './predicates';

/** The deepest nesting of `and`/`or`/`not` one filter may have (a filter inside `not` inside `or` is depth 2). */
export const MAX_FILTER_DEPTH = 4;
/** The most filters one filter may hold in its `and`, `or` and `not`, at every depth together. */
export const MAX_FILTER_CONDITIONS = 20;

/** The boolean parts every list filter has, beside its own conditions. */
export interface Composable<F> {
  and?: F[] | null;
  or?: F[] | null;
  not?: F | null;
  name?: TextPredicate | string | null;
  inferred?: boolean | null;
}

/**
 * What `inferred` selects, in every list filter: every listed record (a cited entity, a source)
 * carries the flag, so it is declared here once rather than in each filter.
 */
const INFERRED_FILTER_DESCRIPTION =
  'false: stated only, the records every fact of which a text states; true: only the records resting on an inference in part ' +
  "(a link, a merge of two spellings, a region or a reading the text does not state; `note`, a source's `dateNote`, says which); " +
  'absent: both.';

/**
 * Gives a list filter input `and`, `or` and `not` over filters of its own type, `inferred` (every
 * listed record says whether it rests on an inference) — and, where the entity has a name
 * (`nameColumn`) and the filter no `name` of its own, `name`, a TextPredicate — so every list
 * composes its conditions the same way. Called once after the filter class.
 */
export function composable(filter: ClassType, { named }: { named: boolean }): void {
  Field(() => [filter], {
    nullable: true,
    description: `Every one of these filters holds too (at most ${MAX_FILTER_CONDITIONS} filters in all, nested at most ${MAX_FILTER_DEPTH} deep).`,
  })(filter.prototype, 'and');
  Field(() => [filter], {
    nullable: true,
    description: `At least one of these filters holds too: { or: [{ status: [COMPLETED] }, { type: [NEW_BUILD] }] }.`,
  })(filter.prototype, 'or');
  Field(() => filter, { nullable: true, description: 'This filter does not hold: { not: { regionId: "440115" } }.' })(
    filter.prototype,
    'not',
  );
  Field(() => Boolean, { nullable: true, description: INFERRED_FILTER_DESCRIPTION })(filter.prototype, 'inferred');
  if (named) {
    Field(() => TextPredicate, {
      nullable: true,
      description: 'The name, compared as the predicate says: { equals: "南沙区" }, { startsWith: "广州市" }, { contains: "中心" }.',
    })(filter.prototype, 'name');
  }
}

/** Refuses a filter nested deeper than MAX_FILTER_DEPTH or holding more than MAX_FILTER_CONDITIONS filters. */
function checkShape(filter: Composable<unknown>): void {
  let conditions = 0;
  const walk = (f: Composable<unknown>, depth: number) => {
    const parts = [...(f.and ?? []), ...(f.or ?? []), ...(f.not ? [f.not] : [])] as Composable<unknown>[];
    if (parts.length && depth >= MAX_FILTER_DEPTH) {
      throw badUserInput(
        `The filter nests "and"/"or"/"not" more than ${MAX_FILTER_DEPTH} deep (MAX_FILTER_DEPTH). Flatten it: and/or take lists.`,
        'filter',
      );
    }
    conditions += parts.length;
    if (conditions > MAX_FILTER_CONDITIONS) {
      throw badUserInput(
        `The filter holds more than ${MAX_FILTER_CONDITIONS} filters in its "and"/"or"/"not" (MAX_FILTER_CONDITIONS). Use list conditions (status: [A, B]) instead of one filter per value.`,
        'filter',
      );
    }
    for (const p of parts) if (p) walk(p, depth + 1);
  };
  walk(filter, 0);
}

/**
 * A filter's `inferred`, `name`, `and`, `or` and `not` on the list's query: each nested filter is the same
 * list built by `build` (the entity's own filter code), as `id IN (…)` — so `or` and `not` need no
 * new SQL per condition, the whole filter stays ONE statement, and paging stays the list's keyset.
 * Each sub-select's parameters are renamed by its place in the tree (`or1_status`), so branches
 * built by the same code cannot mix their values up. Ids are never null, so `NOT IN` is exact.
 */
export function whereComposed<F extends object>(
  qb: SelectQueryBuilder<any>,
  given: F | null | undefined,
  build: (f: F) => SelectQueryBuilder<any>,
  prefix = '',
): void {
  if (!given) return;
  // Every filter class gets these parts from composable(), outside its declared type.
  const filter = given as Composable<F>;
  if (!prefix) checkShape(filter);
  const id = `${qb.alias}.id`;
  if (filter.inferred != null) qb.andWhere(`${qb.alias}.inferred = :${prefix}inferred`, { [`${prefix}inferred`]: filter.inferred });
  if (filter.name != null && typeof filter.name === 'object')
    whereText(qb, `${qb.alias}.name`, filter.name, 'filter.name', `${prefix}name`);
  const within = (f: F, place: string) => {
    const sub = build(f) as SelectQueryBuilder<ObjectLiteral>;
    const select = sub.clone().orderBy().select(`${sub.alias}.id`);
    return withPrefix(select.getQuery(), select.getParameters(), `${prefix}${place}_`);
  };
  (filter.and ?? []).forEach((f, i) => {
    const { sql, params } = within(f, `and${i}`);
    qb.andWhere(`${id} IN (${sql})`, params);
  });
  if (filter.or?.length) {
    const subs = filter.or.map((f, i) => within(f, `or${i}`));
    qb.andWhere(`(${subs.map((s) => `${id} IN (${s.sql})`).join(' OR ')})`, Object.assign({}, ...subs.map((s) => s.params)));
  }
  if (filter.not) {
    const { sql, params } = within(filter.not, 'not');
    qb.andWhere(`${id} NOT IN (${sql})`, params);
  }
}
