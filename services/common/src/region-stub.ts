import { Directive, Field, ID, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from '@hsg/core';

/** A Region as the non-owning subgraphs see it: its key only. */
export interface RegionKey {
  id: string;
}

/**
 * A key-only object type for an entity another subgraph owns. It is a factory, not one shared
 * class, because type-graphql hangs field resolvers on the class: a shared class would carry every
 * subgraph's fields whenever several subgraphs run in one process. `resolvable: false` is for a
 * subgraph that only points at the entity (search hits); otherwise it may add fields to it.
 */
function keyStub(typeName: string, description: string, idDescription: string, resolvable: boolean): ClassType<{ id: string }> {
  @ObjectType(typeName, { description })
  @Directive(resolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  class KeyStub {
    @Field(() => ID, { description: idDescription })
    id!: string;
  }
  return KeyStub;
}

/** Declares the key-only `Region` stub a subgraph extends with its own fields. */
export const regionStub = (): ClassType<RegionKey> =>
  keyStub('Region', 'An administrative division or named area (owned by the regions subgraph).', 'GB/T 2260 code or area slug.', true);

/** The stub for a row's region column. */
export const regionRef = (id: string | null): RegionKey | null => (id ? { id } : null);

/**
 * A `Region.<list>(filter)` field is already scoped to its parent region; a second region in the
 * filter would be ambiguous, so it is refused rather than silently ignored.
 */
export function scopedToRegion<F extends { regionId?: string | null }>(filter: F | null, field: string): F | null {
  if (filter?.regionId) throw badUserInput(`${field} is already scoped to the region; drop "filter.regionId".`, 'filter.regionId');
  return filter;
}

/** A key-only reference the gateway resolves entirely in the owning subgraph (see keyStub). */
export const referenceStub = (typeName: string, description: string): ClassType<{ id: string }> =>
  keyStub(typeName, description, 'Stable id.', false);
