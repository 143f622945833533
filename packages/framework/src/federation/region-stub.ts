import { Directive, Field, ID, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from '@hsg/core';
import type { RegionScope } from '../region-scope/scope';

/** A Region as the non-owning subgraphs see it: its key, and its name where the subgraph provides it. */
export interface RegionKey {
  id: string;
  name?: string;
}

/**
 * A key-only object type for an entity another subgraph owns. It is a factory, not one shared
 * class, because type-graphql hangs field resolvers on the class: a shared class would carry every
 * subgraph's fields whenever several subgraphs run in one process. `resolvable: false` is for a
 * subgraph that only points at the entity (search hits); otherwise it may add fields to it.
 */
function keyStub(
  typeName: string,
  description: string,
  idDescription: string,
  resolvable: boolean,
  externalName?: string,
): ClassType<{ id: string }> {
  @ObjectType(typeName, { description })
  @Directive(resolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  class KeyStub {
    @Field(() => ID, { description: idDescription })
    id!: string;
  }
  if (externalName) {
    // The owner's field, declared here only so that `@provides(fields: "name")` may name it.
    Field(() => String, { description: externalName })(KeyStub.prototype, 'name');
    Directive('@external')(KeyStub.prototype, 'name');
  }
  return KeyStub;
}

/** What `Region.name` says, in the regions subgraph and wherever another subgraph provides it. */
export const REGION_NAME_DESCRIPTION = 'Full Chinese name (广州市).';

/**
 * Declares the key-only `Region` stub a subgraph extends with its own fields. `providesName`: the
 * stub also declares the owner's `name` (`@external`), for the fields that hand it out beside the
 * key (`@provides(fields: "name")`, with providedRegion).
 */
export const regionStub = (providesName = false): ClassType<RegionKey> =>
  keyStub(
    'Region',
    'An administrative division or named area (owned by the regions subgraph).',
    'GB/T 2260 code or area slug.',
    true,
    providesName ? REGION_NAME_DESCRIPTION : undefined,
  );

/** The stub for a row's region column. */
export const regionRef = (id: string | null): RegionKey | null => (id ? { id } : null);

/**
 * The stub for a row's region column with the region's name, for a field declared with
 * `@provides(fields: "name")`: the gateway takes the name from here instead of asking the regions
 * subgraph (SubgraphDefinition.providesRegionNames has the names read at start).
 */
export const providedRegion = (id: string | null, regions: RegionScope): RegionKey | null => (id ? { id, name: regions.nameOf(id) } : null);

/** The directive of a field whose region stubs carry the name (providedRegion). */
export const PROVIDES_REGION_NAME = '@provides(fields: "name")';

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
