import 'reflect-metadata';
import { Field, Float, ID, Int } from 'type-graphql';
import { Column, Index, PrimaryColumn, type ColumnType } from 'typeorm';
import { z } from 'zod';
import { bounded, defaultBoundsOf, type Bounds } from './bounds';
import { pinyinKeys } from '../search-terms/pinyin';

/**
 * One declaration per entity. A field is declared once, with `@Attr(zodSchema, options)`: that
 * makes its column (TypeORM), its field in the object type (type-graphql) and its rule in the
 * input schema that seed records and agency writes are validated against. `@Family` on the
 * class names the seed file and adds what is about the record as a whole: derived columns, checks
 * across fields, input-only fields. Everything that used to be listed per family — the `?? null`
 * row mappers, the searchable columns, the pinyin column, the search index's names, the reference
 * checks — is read off these declarations.
 */

/** How a name is labelled in the search index. */
export type NameField = 'NAME' | 'SHORT_NAME' | 'ALIAS' | 'NAME_EN';

/** Which family the ids in a field point at; `ids` reads them out of a structured value. */
export type Reference = string | { family: string; ids: (value: any) => string[] };

/** A reference in its full form: a bare family name holds one id, or a list of them. */
const fullReference = (ref: Reference): { family: string; ids: (value: any) => string[] } =>
  typeof ref === 'string' ? { family: ref, ids: (v: unknown) => (Array.isArray(v) ? v : [v]) } : ref;

export interface AttrOptions {
  description?: string;
  /** Marks the GraphQL field deprecated; say what to use instead. */
  deprecationReason?: string;
  /** The GraphQL type where it cannot be read off the schema (an object type); false keeps the field out of the object type (internal, or exposed by a field resolver). */
  graphql?: (() => unknown) | false;
  /** The column type where the inferred one is not wanted ('text'); false for an input-only field. */
  column?: ColumnType | false;
  primary?: boolean;
  index?: boolean;
  /** Not input: computed from the rest by `compute`, by the family's `derive` (or, for `pinyin`, from the names). */
  derived?: boolean;
  /** For a derived column every family has (declared on a base class): its value, from the valid input record. */
  compute?: (record: Record<string, unknown>) => unknown;
  /** A name people search by: list filters' `search`, the pinyin column and the search index use it. */
  name?: NameField;
  /** Matched by list filters' `search` too, though not a name (a plan section, an affiliation). */
  searchText?: boolean;
  /** The family whose ids this field holds (each element, for a list). */
  ref?: Reference;
  /** The column's default, for rows written before the column existed. */
  default?: string | number | boolean;
  /** False for a field writes do not set (whether a text-derived record rests on an inference). */
  writable?: boolean;
  /**
   * A large JSON column (citations, status reports): the by-id and list loaders leave it out, and
   * its fields read it (`lazyColumn`) only when a request asks for them.
   */
  lazy?: boolean;
  /**
   * The longest text accepted, in characters (each element's, for a list); by default what the
   * field is tells it (bounds.ts: an id 100, a name 100, an English name 300, a note 2,000, other
   * text 500).
   */
  maxLength?: number;
  /** The longest list accepted (each list inside a structured value too); by default 100, or 20 of names (aliases). */
  maxItems?: number;
}

export interface AttrMeta extends AttrOptions {
  key: string;
  schema: z.ZodType;
  nullable: boolean;
}

export interface FamilyOptions {
  /** The seed file (`<family>.json`) and the name references use. */
  family: string;
  /** Validated but not stored (a source's file name). */
  inputOnly?: z.ZodRawShape;
  /** A field's rule for this family only (a region may rest on a code table instead of citations). */
  overrides?: z.ZodRawShape;
  /** Rules across fields of one record. */
  refine?: (schema: z.ZodObject) => z.ZodType;
  /** Derived columns, computed from a valid input record: the one place that keeps them true. */
  derive?: (record: any) => Record<string, unknown>;
  /** Rules across records of the family (a code's prefix agrees with its parent). */
  check?: (records: any[]) => { id: string; field: string; message: string }[];
  /** People's names: pinyin reads the first character as a surname. */
  person?: boolean;
  /**
   * Builds the family's records from its file's before they are validated, where the file is laid
   * over data from elsewhere (the curated regions over the statistics bureau's code list).
   */
  merge?: (fileRecords: Record<string, any>[]) => Record<string, any>[];
  /**
   * Whether a record's first load starts its history with a seed audit record (default: every
   * record). Reference data no text names (the code list's 45,000 divisions) starts its history at
   * its first change instead, so the change feed carries the texts' records, not the code list.
   */
  audited?: (record: Record<string, any>) => boolean;
  /**
   * Records `merge` built by code from a pinned package, untouched by the file (the code list's
   * divisions no curated record changes): a start takes them as built, and the seed tests, which
   * read with `{ all: true }`, validate them against the rules like every other record.
   */
  built?: (record: Record<string, any>) => boolean;
  /**
   * Records the search index spells briefly: their Chinese names and the pinyin of those, without
   * the English name and the pinyin initials. For the code list's 41,000 townships, whose English
   * name is their pinyin with a kind word, the full set would double the index for little gain.
   */
  briefSearch?: (record: Record<string, any>) => boolean;
}

export type EntityClass = Function;

const ATTRS = new Map<EntityClass, AttrMeta[]>();
/** attrsOf's answers, kept because seeding asks once per row (45,000 regions); cleared by every @Attr. */
const ALL_ATTRS = new Map<EntityClass, AttrMeta[]>();
const FAMILIES = new Map<EntityClass, FamilyOptions>();
/** The GraphQL enum behind a zod enum made by `oneOf`, so `@Attr` can name it. */
const GRAPHQL_ENUMS = new WeakMap<z.ZodType, object>();

/** A zod enum over a registered GraphQL enum's values, which `@Attr` maps back to the GraphQL enum. */
export function oneOf<E extends Record<string, string>>(graphqlEnum: E): z.ZodEnum<{ [K in keyof E & string]: K }> {
  const schema = z.enum(Object.keys(graphqlEnum) as [string, ...string[]]);
  GRAPHQL_ENUMS.set(schema, graphqlEnum);
  return schema as never;
}

function unwrap(schema: z.ZodType): { base: z.ZodType; nullable: boolean } {
  let base = schema;
  let nullable = false;
  let hasDefault = false;
  for (;;) {
    const def = base.def as { type: string; innerType?: z.ZodType };
    if (def.type === 'nullable') nullable = true;
    else if (def.type === 'optional') nullable = nullable || !hasDefault;
    else if (def.type === 'default') hasDefault = true;
    else return { base, nullable };
    base = def.innerType!;
  }
}

function columnTypeOf(base: z.ZodType): ColumnType {
  switch (base.def.type) {
    case 'string':
    case 'enum':
      return 'varchar';
    case 'number':
      return (base as z.ZodNumber).isInt ? 'integer' : 'double precision';
    case 'boolean':
      return 'boolean';
    default:
      return 'simple-json';
  }
}

/**
 * The GraphQL type of a rule with a scalar, enum or list shape (an id, for a reference), or null
 * for a structured value, which needs a type of its own.
 */
function graphqlTypeOf(base: z.ZodType, ref = false): (() => unknown) | null {
  switch (base.def.type) {
    case 'string':
      return ref ? () => ID : () => String;
    case 'number':
      return (base as z.ZodNumber).isInt ? () => Int : () => Float;
    case 'boolean':
      return () => Boolean;
    case 'enum': {
      const graphqlEnum = GRAPHQL_ENUMS.get(base);
      return graphqlEnum ? () => graphqlEnum : null;
    }
    case 'array': {
      const element = graphqlTypeOf(unwrap((base.def as unknown as { element: z.ZodType }).element).base, ref);
      return element ? () => [element()] : null;
    }
    default:
      return null;
  }
}

/** What a field holds, read off its rule: what aggregates group by and sum (see aggregates/dimensions.ts). */
export interface FieldShape {
  kind: 'string' | 'int' | 'float' | 'boolean' | 'enum' | 'list' | 'other';
  /** The GraphQL enum of an enum field made by `oneOf`. */
  graphqlEnum?: object;
  /** The rule itself, unwrapped of nullable/optional/default (`date`, `period` are compared by identity). */
  base: z.ZodType;
}

export function shapeOf(attr: AttrMeta): FieldShape {
  const { base } = unwrap(attr.schema);
  switch (base.def.type) {
    case 'string':
      return { kind: 'string', base };
    case 'number':
      return { kind: (base as z.ZodNumber).isInt ? 'int' : 'float', base };
    case 'boolean':
      return { kind: 'boolean', base };
    case 'enum':
      return { kind: 'enum', graphqlEnum: GRAPHQL_ENUMS.get(base), base };
    case 'array':
      return { kind: 'list', base };
    default:
      return { kind: 'other', base };
  }
}

/** A field a write may set, with its GraphQL input type (read off the same rule). */
export interface InputField {
  key: string;
  type: () => unknown;
  required: boolean;
  description?: string;
}

/** The fields of an entity a write sets directly: its input fields with a scalar, enum or list type. */
export function inputFieldsOf(entity: EntityClass): InputField[] {
  return attrsOf(entity).flatMap((attr) => {
    if (attr.derived || attr.column === false || attr.writable === false || attr.key === 'citations') return [];
    const { base } = unwrap(attr.schema);
    // Structured values (status reports, baselines) are written by mutations of their own.
    const type = graphqlTypeOf(base, !!attr.ref || attr.primary === true);
    if (!type) return [];
    const def = attr.schema.def as { type: string };
    const required = !unwrap(attr.schema).nullable && def.type !== 'default' && def.type !== 'optional';
    const family = attr.ref && fullReference(attr.ref).family;
    const description = attr.description ?? (family ? `The id of the record in ${family} it points at.` : undefined);
    return [{ key: attr.key, type, required, description }];
  });
}

/** Declares one field: its column, its object-type field and its input rule (see the module comment). */
export function Attr(schema: z.ZodType, options: AttrOptions = {}): PropertyDecorator {
  return (target, property) => {
    const key = String(property);
    const { base, nullable } = unwrap(schema);
    const entity = target.constructor;
    ATTRS.set(entity, [...(ATTRS.get(entity) ?? []), { ...options, key, schema, nullable }]);
    ALL_ATTRS.clear();
    if (options.column !== false) {
      const type = options.column ?? columnTypeOf(base);
      if (options.primary) PrimaryColumn(type as 'varchar')(target, key);
      else Column(type as 'varchar', { nullable, ...(options.default !== undefined ? { default: options.default } : {}) })(target, key);
      if (options.index) Index()(target, key);
    }
    if (options.graphql !== false) {
      const type = options.primary ? () => ID : (options.graphql ?? graphqlTypeOf(base));
      if (!type) {
        throw new Error(`@Attr ${key}: give the GraphQL type (graphql: () => Type; enums via oneOf(<GraphQL enum>)) or graphql: false`);
      }
      Field(type as () => StringConstructor, { nullable, description: options.description, deprecationReason: options.deprecationReason })(
        target,
        key,
      );
    }
  };
}

/** Names the family of an entity class and what is declared about its records as a whole. */
export function Family(options: FamilyOptions): ClassDecorator {
  return (target) => {
    FAMILIES.set(target, options);
  };
}

/** Every field declared on a class and its base classes, base first. */
export function attrsOf(entity: EntityClass): AttrMeta[] {
  let attrs = ALL_ATTRS.get(entity);
  if (!attrs) {
    const chain: EntityClass[] = [];
    for (let c = entity; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
    attrs = chain.flatMap((c) => ATTRS.get(c) ?? []);
    ALL_ATTRS.set(entity, attrs);
  }
  return attrs;
}

/** The entity class declared for a family in this process, if any. */
export function entityOfFamily(family: string): EntityClass | undefined {
  for (const [entity, options] of FAMILIES) if (options.family === family) return entity;
  return undefined;
}

export function familyOf(entity: EntityClass): FamilyOptions {
  const family = FAMILIES.get(entity);
  if (!family) throw new Error(`${entity.name} has no @Family declaration`);
  return family;
}

const INPUT_SCHEMAS = new Map<string, z.ZodType>();

/**
 * The schema an input record of the family must satisfy. Strict: an unknown or misspelt field is
 * an error. `replace` swaps fields' rules before the family's checks across fields are added (an
 * agency's record carries its submissions, not citations).
 */
export function inputSchemaOf(entity: EntityClass, replace: { name: string; shape: Record<string, z.ZodType> } | null = null): z.ZodType {
  const cacheKey = `${entity.name}:${replace?.name ?? ''}`;
  let schema = INPUT_SCHEMAS.get(cacheKey);
  if (!schema) {
    const family = familyOf(entity);
    const shape: Record<string, z.ZodType> = {};
    for (const attr of attrsOf(entity)) {
      if (attr.derived) continue;
      const rule = replace?.shape[attr.key] ?? (family.overrides?.[attr.key] as z.ZodType | undefined) ?? attr.schema;
      shape[attr.key] = bounded(rule, boundsOf(attr));
    }
    for (const [key, rule] of Object.entries(family.inputOnly ?? {})) shape[key] = bounded(rule as z.ZodType, defaultBoundsOf({ key }));
    const object = z.object(shape).strict();
    schema = family.refine ? family.refine(object) : object;
    INPUT_SCHEMAS.set(cacheKey, schema);
  }
  return schema;
}

/** A field's bounds: as declared, or what the field is tells them. */
export const boundsOf = (attr: AttrMeta): Bounds => defaultBoundsOf(attr);

/**
 * The bounds of the fields a write sends, checked before anything else is done with it (the
 * queue, the transaction, the current row): a refusal names the field and the bound. Fields the
 * entity does not declare are left to the full rules, which refuse them.
 */
export function checkBounds(
  entity: EntityClass,
  fields: Record<string, unknown>,
  prefix: string,
): { field: string; message: string } | null {
  for (const attr of attrsOf(entity)) {
    if (attr.derived || !(attr.key in fields)) continue;
    const result = bounded(z.unknown(), boundsOf(attr)).safeParse(fields[attr.key]);
    if (!result.success) {
      const issue = result.error.issues[0];
      return { field: [prefix, attr.key, ...issue.path].join('.'), message: issue.message };
    }
  }
  return null;
}

/** The values of the fields declared as names, labelled, in declaration order. */
export function namesOf(entity: EntityClass, record: Record<string, unknown>): { field: NameField; value: string }[] {
  return attrsOf(entity).flatMap((attr) => {
    if (!attr.name) return [];
    const value = record[attr.key];
    const values = Array.isArray(value) ? value : [value];
    return values.filter((v): v is string => typeof v === 'string' && v.length > 0).map((v) => ({ field: attr.name!, value: v }));
  });
}

/** The columns entity loads leave out (see AttrOptions.lazy). */
export function lazyColumnsOf(entity: EntityClass): string[] {
  return attrsOf(entity)
    .filter((a) => a.column !== false && a.lazy)
    .map((a) => a.key);
}

/** The columns a list filter's `search` matches: the names, then other searchable text. */
export function searchColumnsOf(entity: EntityClass): string[] {
  return attrsOf(entity)
    .filter((a) => a.name || a.searchText)
    .map((a) => a.key);
}

/**
 * The row stored for a valid input record: every column present (absent optional fields as
 * null), input-only fields dropped, and the derived columns computed — the pinyin of the names
 * and whatever the family derives.
 */
export function rowOf(entity: EntityClass, record: Record<string, unknown>): Record<string, unknown> {
  const family = familyOf(entity);
  const row: Record<string, unknown> = {};
  for (const attr of attrsOf(entity)) {
    if (attr.column === false || attr.derived) continue;
    row[attr.key] = record[attr.key] ?? null;
  }
  for (const attr of attrsOf(entity)) if (attr.compute) row[attr.key] = attr.compute(record);
  if (attrsOf(entity).some((a) => a.key === 'pinyin')) {
    row.pinyin = pinyinKeys(
      namesOf(entity, record).map((n) => n.value),
      family.person,
    );
  }
  return { ...row, ...family.derive?.(record) };
}

/** The families an entity's records may point at. */
export function referencedFamilies(entity: EntityClass): string[] {
  return attrsOf(entity).flatMap((attr) => (attr.ref ? [fullReference(attr.ref).family] : []));
}

/** Every reference a record makes: the field, the family pointed at and the ids. */
export function referencesOf(entity: EntityClass, record: Record<string, unknown>): { field: string; family: string; id: string }[] {
  return attrsOf(entity).flatMap((attr) => {
    const value = record[attr.key];
    if (!attr.ref || value == null) return [];
    const { family, ids } = fullReference(attr.ref);
    return ids(value).map((id, i) => ({ field: Array.isArray(value) ? `${attr.key}.${i}` : attr.key, family, id }));
  });
}
