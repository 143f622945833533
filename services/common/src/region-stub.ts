import { Directive, Field, ID, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from './errors';

/** A Region as the non-owning subgraphs see it: its key only. */
export interface RegionKey {
  id: string;
}

/**
 * Declares the key-only `Region` stub a subgraph extends with its own fields. It is a factory,
 * not one shared class, because type-graphql hangs field resolvers on the class: a shared class
 * would carry every subgraph's Region fields whenever several subgraphs run in one process.
 */
export function regionStub(): ClassType<RegionKey> {
  @ObjectType('Region', { description: 'An administrative division or named area (owned by the regions subgraph).' })
  @Directive('@key(fields: "id")')
  class RegionStub {
    @Field(() => ID, { description: 'GB/T 2260 code or area slug.' })
    id!: string;
  }
  return RegionStub;
}

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

/**
 * A key-only reference to an entity another subgraph owns, for a subgraph that only points at it
 * (e.g. search hits): `resolvable: false` tells the gateway to fetch every other field from the owner.
 */
export function referenceStub(typeName: string, description: string): ClassType<{ id: string }> {
  @ObjectType(typeName, { description })
  @Directive('@key(fields: "id", resolvable: false)')
  class ReferenceStub {
    @Field(() => ID, { description: 'Stable id.' })
    id!: string;
  }
  return ReferenceStub;
}
