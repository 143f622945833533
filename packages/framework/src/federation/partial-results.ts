import {
  Kind,
  visit,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
  type TypeNode,
} from 'graphql';

/** What the schema says on every field this rule made nullable. */
export const PARTIAL_RESULT_NOTE =
  'Null, with an error naming the subgraph that failed (code SUBGRAPH_UNAVAILABLE), when that subgraph cannot answer: the gateway fetches this field on its own, and a failure of it must not wipe out the rest of the response.';

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
type Directed = { directives?: readonly { name: { value: string } }[] };
const hasKey = (node: Directed) => !!node.directives?.some((d) => d.name.value === 'key');
const isExternal = (node: Directed) => !!node.directives?.some((d) => d.name.value === 'external');

/**
 * Partial results: a field the gateway fetches with a request of its own may fail alone, so it
 * must be nullable — otherwise GraphQL's null propagation turns one subgraph's failure into a
 * null parent (or `data: null`). That is, in a subgraph's SDL:
 * - every root field (each root field of a query may be planned as its own fetch);
 * - every field this subgraph adds to another subgraph's entity (`Region.facilities` …), which the
 *   gateway fetches from here through `_entities`;
 * - every field whose value is another subgraph's entity, or a union of them (`SearchHit.node`),
 *   whose fields come from that other subgraph.
 * `ownedEntities` are the entity types this subgraph resolves references for; any other `@key`
 * type in its SDL is someone else's. Key fields stay as they are, and so do `@external` ones: they
 * are the owner's declaration, which this subgraph only repeats (for `@provides`).
 */
export function nullableAcrossSubgraphs(typeDefs: DocumentNode, ownedEntities: ReadonlySet<string>): DocumentNode {
  const foreign = new Set<string>();
  const unions = new Map<string, string[]>();
  for (const def of typeDefs.definitions) {
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION && hasKey(def) && !ownedEntities.has(def.name.value)) foreign.add(def.name.value);
    if (def.kind === Kind.UNION_TYPE_DEFINITION) unions.set(def.name.value, def.types?.map((t) => t.name.value) ?? []);
  }
  const isForeign = (name: string) => foreign.has(name) || (unions.get(name)?.every((m) => foreign.has(m)) ?? false);

  const relax = (field: FieldDefinitionNode): FieldDefinitionNode => {
    if (field.type.kind !== Kind.NON_NULL_TYPE) return field;
    const text = field.description ? `${field.description.value} ${PARTIAL_RESULT_NOTE}` : PARTIAL_RESULT_NOTE;
    const description: StringValueNode = { kind: Kind.STRING, value: text, block: true };
    return { ...field, type: field.type.type, description };
  };

  return visit(typeDefs, {
    ObjectTypeDefinition(node: ObjectTypeDefinitionNode) {
      const root = node.name.value === 'Query';
      const extended = foreign.has(node.name.value);
      const fields = node.fields?.map((f) =>
        root || (extended && f.name.value !== 'id' && !isExternal(f)) || isForeign(namedType(f.type)) ? relax(f) : f,
      );
      return { ...node, fields };
    },
  });
}
