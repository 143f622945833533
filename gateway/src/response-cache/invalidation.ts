import { getNamedType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * What a write of one type changes beyond its own entity (whose `Type:id` tags come from the
 * mutation's response) and beyond the lists of its type (`list:Type`: a create, or an update that
 * moves it or renames it, changes which lists hold it):
 * - a designation decides which facilities and projects `designationKinds` filters select;
 * - a facility's parent decides which projects those filters select (a campus inherits its parent's);
 * - an observation decides every target's attainment (the latest figure of its indicator and region).
 */
const DERIVED: Record<string, string[]> = {
  Designation: ['list:Facility', 'list:Project'],
  Facility: ['list:Project'],
  Observation: ['Target'],
};

/**
 * Lists the search subgraph serves from the owners' change feeds (`search`, `changes`). It
 * follows a write a moment after it lands, so an entry stored in that moment would keep the
 * index's older state past the write's invalidation: documents reading them are never stored.
 */
export const FOLLOWER_LISTS = ['list:SearchHit', 'list:ChangeEntry'];

/** The tags a mutation invalidates: for each root field, the type it writes, its lists and what derives from it, and the entities it answered with. */
export function mutationTags(schema: GraphQLSchema, operation: OperationDefinitionNode, entityTags: Iterable<string>): string[] {
  const tags = new Set<string>(entityTags);
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== 'Field') continue;
    const field = fields[selection.name.value];
    if (!field) continue;
    const written = getNamedType(field.type).name;
    tags.add(`list:${written}`);
    for (const tag of DERIVED[written] ?? []) tags.add(tag);
  }
  return [...tags];
}
