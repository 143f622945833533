import { Float, ID, Int, type ClassType } from 'type-graphql';
import { attrsOf, shapeOf, type AttrMeta, type EntityClass } from '../declarations/declaration';
import { date, period } from '../declarations/rules';
import { rollUpSql, type RollUpLevel } from '../region-scope/sql';

/**
 * What a list can be grouped by and summed over, read off its entity's declarations (@Attr): an
 * aggregate is generated for every list, with no per-entity code. A column is a group key when
 * its rule says it takes few values — an enum, a boolean, a reference to one record (a facility,
 * a plan, an organization) — and a region reference also rolls up to the province, city and
 * district it lies in (the code-prefix rule). A record with a date, a period or a `year` is
 * grouped by year. Numbers (an observation's or a target's value) are summed, averaged and
 * bounded. Free text, lists and JSON are never keys: their groups would be as many as the rows.
 */

/** One way to group a list: a value of the `<Type>GroupBy` enum and a field of `<Type>GroupKey`. */
export interface Dimension {
  /** The enum value (STATUS, REGION_CITY, YEAR). */
  name: string;
  /** The key object's field (status, regionCity, year). */
  key: string;
  description: string;
  /** Its SQL over the list's row (columns quoted by `column`); text on both engines once cast. */
  sql: (column: (key: string) => string) => string;
  /** The key field's GraphQL type. */
  type: () => unknown;
  /** The key's value from the text SQL gives (null stays null). */
  read: (raw: string) => unknown;
}

/** A number the aggregate sums, averages and bounds (`sum { value }`). */
export interface Measure {
  key: string;
  description: string;
}

const LEVELS: { level: RollUpLevel; label: string; example: string }[] = [
  { level: 'PROVINCE', label: 'province', example: '440000' },
  { level: 'CITY', label: 'prefecture-level city', example: '440100' },
  { level: 'DISTRICT', label: 'county-level division (district, county)', example: '440115' },
];

const constant = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const asBoolean = (raw: string) => raw === '1' || raw === 'true' || raw === 't';
const regionFamily = (attr: AttrMeta) => attr.ref === 'regions';
const stored = (attr: AttrMeta) => attr.column !== false && !attr.lazy && !attr.primary;

/**
 * The group keys of an entity. `regionType` (the subgraph's Region stub) makes a region key a
 * Region a query can ask the name of; without it, the key is the region's id.
 */
export function dimensionsOf(entity: EntityClass, regionType?: ClassType<{ id: string }>): Dimension[] {
  const dims: Dimension[] = [];
  const region = (raw: string) => (regionType ? { id: raw } : raw);
  for (const attr of attrsOf(entity).filter(stored)) {
    const shape = shapeOf(attr);
    const of = (column: (key: string) => string) => column(attr.key);
    const by = `By \`${attr.key}\`${attr.description ? `: ${attr.description.replace(/\.$/, '')}` : ''}.`;
    if (shape.kind === 'enum' && shape.graphqlEnum) {
      const graphqlEnum = shape.graphqlEnum;
      dims.push({
        name: constant(attr.key),
        key: attr.key,
        description: by,
        sql: of,
        type: () => graphqlEnum,
        read: String,
      });
    } else if (shape.kind === 'boolean') {
      dims.push({ name: constant(attr.key), key: attr.key, description: by, sql: of, type: () => Boolean, read: asBoolean });
    } else if (shape.kind === 'string' && regionFamily(attr)) {
      const base = attr.key.replace(/Id$/, '');
      const type = () => regionType ?? ID;
      dims.push({
        name: constant(base),
        key: base,
        description: `By the ${base} itself (exactly, no roll-up).`,
        sql: of,
        type,
        read: region,
      });
      for (const { level, label, example } of LEVELS) {
        dims.push({
          name: `${constant(base)}_${level}`,
          key: `${base}${capitalized(level.toLowerCase())}`,
          description: `By the ${label} the ${base} lies in, by its code prefix (${example}); null for a record above that level or in a named area.`,
          sql: (column) => rollUpSql(column(attr.key), level),
          type,
          read: region,
        });
      }
    } else if (shape.kind === 'string' && attr.ref && typeof attr.ref === 'string') {
      dims.push({
        name: constant(attr.key.replace(/Id$/, '')),
        key: attr.key,
        description: `By the id of the record in ${attr.ref} it points at.`,
        sql: of,
        type: () => ID,
        read: String,
      });
    }
  }
  const year = yearOf(entity);
  if (year) dims.push(year);
  return dims;
}

/** By year: an integer `year` field, else the first date or period (its first year: "2016-2020" is 2016). */
function yearOf(entity: EntityClass): Dimension | undefined {
  const attrs = attrsOf(entity).filter(stored);
  const yearField = attrs.find((a) => a.key === 'year' && shapeOf(a).kind === 'int');
  const dated = yearField ?? attrs.find((a) => shapeOf(a).base === date || shapeOf(a).base === period);
  if (!dated) return undefined;
  const description = yearField
    ? 'By year (the `year` field).'
    : `By the year of \`${dated.key}\` (its first four digits: "2025-01-22" and "2025" are 2025; a period "2016-2020" is 2016).`;
  return {
    name: 'YEAR',
    key: 'year',
    description,
    sql: (column) => (yearField ? column(dated.key) : `substr(${column(dated.key)}, 1, 4)`),
    type: () => Int,
    read: Number,
  };
}

/** Numbers that are no quantities: a year is a key, a record's write version a counter. */
const NOT_MEASURES = new Set(['year', 'version']);

/** The numbers an entity's aggregate sums: its number fields other than the year, as the API shows them. */
export function measuresOf(entity: EntityClass): Measure[] {
  return attrsOf(entity)
    .filter((a) => stored(a) && !a.derived && a.graphql !== false && !NOT_MEASURES.has(a.key) && ['int', 'float'].includes(shapeOf(a).kind))
    .map((a) => ({ key: a.key, description: a.description ?? a.key }));
}

/** The GraphQL type of a measure's sum, minimum, maximum and average (an average is never an integer). */
export const MEASURE_TYPE = () => Float;
