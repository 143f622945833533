import { badUserInput } from '@hsg/core';
import { Directive, Field, FieldResolver, ID, InterfaceType, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';

/**
 * Relay's object identification. Record ids are unique within a type only (33 ids name both a
 * Project and a Facility), and agencies key their data by them, so they stay as they are; every
 * record also has a `globalId` that is unique across the graph: base64url of "<Type>:<id>", the
 * encoding graphql-relay's toGlobalId uses (without padding, so it can sit in a URL). The field is
 * named apart from `id` because `id` already means the record's own id in every query, export and
 * write an agency has; Relay reads it with `schemaConfig.nodeInterfaceIdField: "globalId"`.
 */
export const GLOBAL_ID_DESCRIPTION =
  'Unique across the whole graph (Relay\u2019s object identification): opaque, stable, and different for two records of different types that share an `id`. Fetch the record again with `node(id:)`.';

@InterfaceType({
  description:
    'A record that can be fetched again by its global id alone (`node(id:)`, `nodes(ids:)`): every entity type of the graph. Select `globalId` and use it as the cache key.',
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Node {
  // Nullable as every field the gateway fetches from another subgraph is (partial-results.ts):
  // this subgraph answers it for every type.
  @Field(() => ID, { nullable: true, description: GLOBAL_ID_DESCRIPTION })
  globalId!: string;
}

/** Longest id a record has (slugs, division codes) and longest global id accepted. */
const MAX_ID_CHARS = 200;
const MAX_GLOBAL_ID_CHARS = 300;

export const toGlobalId = (type: string, id: string): string => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

/**
 * The type and id a global id names, or a BAD_USER_INPUT naming `argument` for anything
 * toGlobalId could not have written for one of `types` (forged, truncated, oversized, foreign).
 */
export function fromGlobalId(globalId: string, types: readonly string[], argument: string): { type: string; id: string } {
  const refuse = () =>
    badUserInput(
      `"${argument}" is not a global id of this graph: "${globalId.slice(0, 100)}${globalId.length > 100 ? '…' : ''}". Use a record's \`globalId\`.`,
      argument,
    );
  if (globalId.length > MAX_GLOBAL_ID_CHARS || !/^[A-Za-z0-9_-]+$/.test(globalId)) throw refuse();
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const [type, id] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  if (colon < 1 || !types.includes(type) || !id || id.length > MAX_ID_CHARS || toGlobalId(type, id) !== globalId) throw refuse();
  return { type, id };
}

/**
 * A reference to a type another subgraph owns that is also a Node: the key (resolvable, so the
 * gateway can ask this subgraph for `globalId` of a record any subgraph returned) and `globalId`,
 * computed here from the type and the key.
 */
export function nodeStub(typeName: string, description: string): { stub: ClassType<{ id: string }>; resolver: Function } {
  @ObjectType(typeName, { description, implements: Node })
  @Directive('@key(fields: "id")')
  class NodeStub {
    @Field(() => ID, { description: 'Stable id, unique within the type.' })
    id!: string;
  }
  @Resolver(() => NodeStub)
  class GlobalIdResolver {
    @FieldResolver(() => ID, { description: GLOBAL_ID_DESCRIPTION })
    globalId(@Root() record: { id: string }): string {
      return toGlobalId(typeName, record.id);
    }
  }
  return { stub: NodeStub, resolver: GlobalIdResolver };
}
