import { Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { MEASURE_TYPE, type Dimension, type Measure } from './dimensions';

/** One statistic per measure (`sum { value }`), null where no row of the group has the number. */
export type Numbers = Record<string, number | null>;

export interface GroupShape {
  key: Record<string, unknown>;
  count: number;
  sum?: Numbers;
  min?: Numbers;
  max?: Numbers;
  avg?: Numbers;
}

export interface AggregateShape extends Omit<GroupShape, 'key'> {
  groups: GroupShape[];
  moreGroups: boolean;
}

export const STATISTICS = ['sum', 'min', 'max', 'avg'] as const;
const STATISTIC_WORDS: Record<(typeof STATISTICS)[number], string> = {
  sum: 'The sum',
  min: 'The smallest',
  max: 'The largest',
  avg: 'The mean',
};

export interface AggregateTypes {
  /** The `<Type>GroupBy` enum object (its values are the dimensions' names). */
  groupBy: Record<string, string>;
  aggregate: ClassType<AggregateShape>;
}

/**
 * The object types of one list's aggregate, generated from its dimensions and measures:
 * `<Type>GroupBy` (what to group by), `<Type>GroupKey` (one field per dimension, set for the
 * dimensions grouped by), `<Type>Numbers` (one field per measure), `<Type>Group` and
 * `<Type>Aggregate`. An entity with no number has no sum, min, max or avg.
 */
export function aggregateTypes(typeName: string, plural: string, dimensions: Dimension[], measures: Measure[]): AggregateTypes {
  const groupBy = Object.fromEntries(dimensions.map((d) => [d.name, d.name]));
  registerEnumType(groupBy, {
    name: `${typeName}GroupBy`,
    description: `What ${plural} can be grouped by in \`${plural}Aggregate(groupBy:)\`.`,
    valuesConfig: Object.fromEntries(dimensions.map((d) => [d.name, { description: d.description }])),
  });

  class GroupKey {}
  for (const d of dimensions) {
    Field(d.type as () => StringConstructor, {
      nullable: true,
      description: `${d.description} Null unless grouped by ${d.name}, or where the record has none.`,
    })(GroupKey.prototype, d.key);
  }
  ObjectType(`${typeName}GroupKey`, {
    description: `The values one group of ${plural} shares: one field per \`${typeName}GroupBy\` value.`,
  })(GroupKey);

  let NumbersType: ClassType | undefined;
  if (measures.length) {
    class Numbers {}
    for (const m of measures) Field(MEASURE_TYPE, { nullable: true, description: m.description })(Numbers.prototype, m.key);
    ObjectType(`${typeName}Numbers`, { description: `One statistic of each number of ${plural}; null where no record has the number.` })(
      Numbers,
    );
    NumbersType = Numbers;
  }

  const addCounts = (target: object, what: string) => {
    Field(() => Int, { description: `How many ${plural} ${what} holds.` })(target, 'count');
    if (NumbersType) {
      for (const s of STATISTICS) {
        Field(() => NumbersType!, {
          description: `${STATISTIC_WORDS[s]} of each number over the ${plural} ${what} holds (nulls left out).`,
        })(target, s);
      }
    }
  };

  class Group {}
  Field(() => GroupKey, { description: 'The values the group shares.' })(Group.prototype, 'key');
  addCounts(Group.prototype, 'the group');
  ObjectType(`${typeName}Group`, { description: `One group of ${plural}: its key, its count and its numbers' statistics.` })(Group);

  class Aggregate {}
  addCounts(Aggregate.prototype, 'the filtered list');
  Field(() => [Group], {
    description:
      'The groups, largest first (ties by key, nulls last), up to `first`; empty without `groupBy`. Every group holds at least `minCount` records.',
  })(Aggregate.prototype, 'groups');
  Field(() => Boolean, { description: 'Whether more groups follow those returned (raise `first`, or narrow the filter).' })(
    Aggregate.prototype,
    'moreGroups',
  );
  ObjectType(`${typeName}Aggregate`, {
    description: `Counts and statistics of the ${plural} a filter selects, in total and per group, computed in one SQL statement.`,
  })(Aggregate);
  return { groupBy, aggregate: Aggregate as ClassType<AggregateShape> };
}
