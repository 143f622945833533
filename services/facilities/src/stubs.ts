import { regionStub, type RegionKey } from '@hsg/common';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The regions subgraph's Region, referenced by key; this subgraph adds `facilities` and `projects`. */
export const RegionRef = regionStub();
export type RegionRef = RegionKey;

/** The indicators subgraph's Plan, referenced by key only. */
@ObjectType('Plan', { description: 'A plan or action programme (owned by the indicators subgraph).' })
@Directive('@key(fields: "id", resolvable: false)')
export class PlanRef {
  @Field(() => ID, { description: 'Plan id.' })
  id!: string;
}
