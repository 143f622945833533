import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The regions subgraph's Region, referenced by key; this subgraph adds `organizations` and `officials`. */
@ObjectType('Region', { description: 'An administrative division or named area (owned by the regions subgraph).' })
@Directive('@key(fields: "id")')
export class RegionRef {
  @Field(() => ID, { description: 'GB/T 2260 code or area slug.' })
  id!: string;
}

export const regionRef = (id: string | null): RegionRef | null => (id ? { id } : null);
