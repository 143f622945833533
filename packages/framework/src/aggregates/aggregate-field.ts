import { badUserInput, traced } from '@hsg/core';
import { Arg, Ctx, Directive, Int, Query, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { BaseContext } from '../persistence/loaders';
import { aggregateOf } from './aggregate-sql';
import { dimensionsOf, measuresOf } from './dimensions';
import { aggregateTypes, type AggregateShape } from './types';

/** The most keys one aggregate groups by: three (district × status × year) answer a spreadsheet's questions. */
export const MAX_GROUP_BY = 3;
/** The most groups one aggregate returns; `first` asks for fewer. */
export const MAX_GROUPS = 500;
/** The groups returned without `first`: also the size the cost model assumes for `groups`. */
export const DEFAULT_GROUPS = 100;

export interface AggregateSpec<C extends BaseContext, F extends object> {
  type: ClassType<{ id: string }>;
  /** The root list's name ("projects"): the aggregate is `<many>Aggregate`. */
  many: string;
  filter: ClassType<F>;
  /** The same filtered list the root list pages (see ListSpec.query). */
  query: (ctx: C, filter: F | null) => SelectQueryBuilder<ObjectLiteral>;
  /** Applies `updatedSince` as the root list does. */
  since: (qb: SelectQueryBuilder<ObjectLiteral>, updatedSince: string | null) => void;
  /** The subgraph's Region stub: region keys then resolve to regions (their names through the gateway). */
  regionType?: ClassType<{ id: string }>;
}

/**
 * Adds `<many>Aggregate(filter, updatedSince, groupBy, minCount, first)` beside a root list — a
 * sibling root field, as Hasura's `<table>_aggregate` is, taking the list's own filter input — to
 * a resolver class. Its groups and statistics come from the entity's declarations (dimensions.ts).
 */
export function addAggregateQuery<C extends BaseContext, F extends object>(target: ClassType, spec: AggregateSpec<C, F>): void {
  const dimensions = dimensionsOf(spec.type, spec.regionType);
  const measures = measuresOf(spec.type);
  const typeName = spec.type.name;
  const types = aggregateTypes(typeName, spec.many, dimensions, measures);
  const byName = new Map(dimensions.map((d) => [d.name, d]));

  const method = async function (
    this: unknown,
    filter: F | null,
    updatedSince: string | null,
    groupBy: string[] | null,
    minCount: number | null,
    first: number | null,
    ctx: C,
  ): Promise<AggregateShape> {
    const by = groupBy ?? [];
    if (by.length > MAX_GROUP_BY) {
      throw badUserInput(`"groupBy" takes at most ${MAX_GROUP_BY} keys (MAX_GROUP_BY); got ${by.length}.`, 'groupBy');
    }
    if (new Set(by).size !== by.length) throw badUserInput(`"groupBy" names a key twice: ${by.join(', ')}.`, 'groupBy');
    const size = first ?? DEFAULT_GROUPS;
    if (!Number.isInteger(size) || size < 1 || size > MAX_GROUPS) {
      throw badUserInput(`"first" must be between 1 and ${MAX_GROUPS} groups (MAX_GROUPS); got ${size}.`, 'first');
    }
    const least = minCount ?? 1;
    if (!Number.isInteger(least) || least < 1 || least > 1_000_000) {
      throw badUserInput(`"minCount" must be between 1 and 1000000; got ${least}.`, 'minCount');
    }
    return traced(`${typeName}.aggregate`, { 'graphql.field.name': `${spec.many}Aggregate` }, () => {
      const qb = spec.query(ctx, filter);
      spec.since(qb, updatedSince);
      return aggregateOf(ctx.dataSource, qb, { dimensions: by.map((name) => byName.get(name)!), measures, minCount: least, first: size });
    });
  };
  const name = 'aggregate';
  Object.defineProperty(target.prototype, name, { value: method, writable: true, configurable: true });
  Arg('filter', () => spec.filter, {
    nullable: true,
    description: 'The same filter the list takes: the aggregate counts what the list would hold.',
  })(target.prototype, name, 0);
  Arg('updatedSince', () => String, {
    nullable: true,
    description: 'Only records whose current version was written at or after this time (ISO 8601), as on the list.',
  })(target.prototype, name, 1);
  Arg('groupBy', () => [types.groupBy], {
    nullable: true,
    description: `Group by these keys, together (at most ${MAX_GROUP_BY}); without it, only the totals.`,
  })(target.prototype, name, 2);
  Arg('minCount', () => Int, {
    nullable: true,
    description: 'Only groups holding at least this many records ("people with more than one post": 2). Default 1.',
  })(target.prototype, name, 3);
  Arg('first', () => Int, {
    nullable: true,
    description: `How many groups to return, 1 to ${MAX_GROUPS} (default ${DEFAULT_GROUPS}), largest first.`,
  })(target.prototype, name, 4);
  Ctx()(target.prototype, name, 5);
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name)!;
  Directive(
    `@listSize(assumedSize: ${DEFAULT_GROUPS}, slicingArguments: ["first"], sizedFields: ["groups"], requireOneSlicingArgument: false)`,
  )(target.prototype, name, descriptor);
  Query(() => types.aggregate, {
    name: `${spec.many}Aggregate`,
    description: `Counts and statistics of ${spec.many} — in total and per group (\`groupBy\`) — over the list \`${spec.many}(filter:)\` would hold, in one SQL statement.`,
  })(target.prototype, name, descriptor);
}
