import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type InlineFragmentNode,
  type SelectionNode,
} from 'graphql';

/**
 * Aliases of the fields the cache adds to every selection set, so each object of a response names
 * its entity (as @envelop/response-cache does). They are taken out again before the client sees
 * the response; a client's own `__typename` or `id` is left as it asked.
 */
export const TYPENAME_ALIAS = '__cacheTypename';
export const ID_ALIAS = '__cacheId';

const field = (name: string, alias: string): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  alias: { kind: Kind.NAME, value: alias },
});

/** The selections naming each object: its type, and its id where the type (or each member of a union) has one. */
function keySelections(type: GraphQLCompositeType, schema: GraphQLSchema): SelectionNode[] {
  const added: SelectionNode[] = [field('__typename', TYPENAME_ALIAS)];
  if (isUnionType(type)) added.push(...memberIds(type, schema));
  else if ('id' in type.getFields()) added.push(field('id', ID_ALIAS));
  else if (isInterfaceType(type)) added.push(...memberIds(type, schema));
  return added;
}

/** `... on Member { __cacheId: id }` for each member of a union (or implementation of an interface) that has an id. */
function memberIds(type: GraphQLCompositeType, schema: GraphQLSchema): InlineFragmentNode[] {
  if (!isAbstractType(type)) return [];
  return schema
    .getPossibleTypes(type)
    .filter((member) => 'id' in member.getFields())
    .map((member) => ({
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: member.name } },
      selectionSet: { kind: Kind.SELECTION_SET, selections: [field('id', ID_ALIAS)] },
    }));
}

export interface PreparedDocument {
  /** The document with the key selections added: what the gateway executes. */
  document: DocumentNode;
  /**
   * Tags every response of the document carries whatever its data: `Type` for each object type it
   * can contain, `list:Type` for each list (or connection) of Type it asks for, whose membership a
   * create or a move changes even when no listed entity changed.
   */
  tags: string[];
}

/** The element type of a list or of a Relay connection (a type with `nodes: [T]`), else null. */
function listedType(fieldDef: GraphQLField<unknown, unknown>): GraphQLCompositeType | null {
  const type = getNullableType(fieldDef.type);
  if (isListType(type)) {
    const element = getNamedType(type);
    return isCompositeType(element) ? element : null;
  }
  if (isObjectType(type) && type.getFields().nodes) {
    const element = getNamedType(type.getFields().nodes.type);
    return isCompositeType(element) ? element : null;
  }
  return null;
}

/** Concrete type names behind a composite type. */
const concrete = (type: GraphQLCompositeType, schema: GraphQLSchema): string[] =>
  isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name];

export function prepareDocument(document: DocumentNode, schema: GraphQLSchema): PreparedDocument {
  const tags = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const keyed = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter() {
          const def = typeInfo.getFieldDef();
          if (!def) return;
          const named = getNamedType(def.type);
          if (isCompositeType(named)) for (const name of concrete(named, schema)) tags.add(name);
          const listed = listedType(def);
          if (listed) for (const name of concrete(listed, schema)) tags.add(`list:${name}`);
        },
      },
      SelectionSet: {
        leave(node) {
          const type = typeInfo.getParentType();
          if (!type) return undefined;
          return { ...node, selections: [...node.selections, ...keySelections(type, schema)] };
        },
      },
    }),
  );
  return { document: keyed, tags: [...tags].sort() };
}

/**
 * Takes the key selections out of a result, in place, and returns the entity tags (`Type:id`) of
 * every object in it that has an id.
 */
export function stripKeys(data: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(data)) {
    for (const item of data) stripKeys(item, into);
  } else if (data !== null && typeof data === 'object') {
    const object = data as Record<string, unknown>;
    const typename = object[TYPENAME_ALIAS];
    const id = object[ID_ALIAS];
    if (typeof typename === 'string' && (typeof id === 'string' || typeof id === 'number')) into.add(`${typename}:${id}`);
    delete object[TYPENAME_ALIAS];
    delete object[ID_ALIAS];
    for (const value of Object.values(object)) if (value !== null && typeof value === 'object') stripKeys(value, into);
  }
  return into;
}
