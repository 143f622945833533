import { badUserInput, isoTime, type EntityTypeName } from '@hsg/core';
import {
  Connection,
  connectionFromPage,
  PageArgs,
  pageRequest,
  type ListOrder,
  type BaseContext,
  type ConnectionShape,
} from '@hsg/framework';
import { Arg, Args, createUnionType, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Change } from './change';
import { REFS } from './search-hit';

/** Every type a write can touch, in the manifest's order. */
const CHANGED = REFS;
type ChangedType = EntityTypeName;

export const ChangedEntity = createUnionType({
  name: 'ChangedEntity',
  description: 'The record a change wrote; follow it with an inline fragment (`... on Facility { name version }`).',
  types: () => Object.values(CHANGED),
  resolveType: (value) => (value as unknown as { __typename: ChangedType }).__typename,
});

@ObjectType({ description: 'One write to the graph: the seed load of a record from the texts, or an agency write.' })
@Directive('@shareable')
export class ChangeEntry {
  @Field(() => String, { description: 'When it was written (ISO 8601, server time of the owning subgraph).' })
  at!: string;

  @Field(() => String, { description: 'What wrote it: "seed" (loaded from the source texts) or a mutation name.' })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'The agency that wrote it; null for the seed load.' })
  agency!: string | null;

  @Field(() => String, { description: 'The record\u2019s type (Facility, Project …).' })
  typeName!: string;

  @Field(() => ID, {
    description:
      'The change\u2019s own id, unique in the feed ("<subgraph>:<its sequence number>", the same from every replica): a normalized cache keys the entry by it. Until 2026-12 this was the record\u2019s id, which two entries (and two types) share; that is `recordId` now.',
  })
  id!: string;

  @Field(() => ID, { description: 'The record\u2019s id (its `id` in `entity`).' })
  recordId!: string;

  @Field(() => Int, { description: 'The version this write produced.' })
  version!: number;

  @Field(() => ChangedEntity, { description: 'The record as it is now (its `history` lists every version).' })
  entity!: { __typename: ChangedType; id: string };

  /** Its place in the graph-wide feed: the sort key its cursor holds. */
  seq!: number;
}

const FEED_ORDER: ListOrder = { tag: 'Change:seq', keys: ['seq'] };

export const ChangeConnection = Connection(ChangeEntry, 'Change', 'A page of the change feed, oldest first.');

@Resolver()
export class ChangesResolver {
  @Query(() => ChangeConnection, {
    description:
      'Every write to the graph in the order this service received it, for an integrator that mirrors the graph: start with no cursor (or `since` a time), keep the last `endCursor`, and ask again with `after` for what changed since. The seed load comes first, then agency writes; a write appears here within about a second.',
  })
  async changes(
    @Arg('since', () => String, {
      nullable: true,
      description: 'Only writes at or after this time (ISO 8601: "2026-12-01" or "2026-12-01T08:00:00Z").',
    })
    since: string | null,
    @Arg('types', () => [String], { nullable: true, description: 'Only writes to these types ("Facility", "Observation" …).' })
    types: string[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { dataSource }: BaseContext,
  ): Promise<ConnectionShape<ChangeEntry>> {
    const request = pageRequest(page, FEED_ORDER);
    const qb = dataSource.getRepository(Change).createQueryBuilder('c').orderBy('c.seq', 'ASC');
    if (since != null) {
      const from = isoTime(since);
      if (!from)
        throw badUserInput(
          `"since" must be an ISO 8601 date or time such as "2026-12-01" or "2026-12-01T08:00:00Z"; got "${since}".`,
          'since',
        );
      qb.andWhere('c.at >= :since', { since: from });
    }
    if (types?.length) {
      // Each type once: a list repeating one type (a variable may hold 100,000) binds one parameter, not one per entry.
      const distinct = [...new Set(types)];
      const unknown = distinct.filter((t) => !(t in CHANGED));
      if (unknown.length)
        throw badUserInput(
          `"types" names no type the graph has: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}. Use ${Object.keys(CHANGED).join(', ')}.`,
          'types',
        );
      qb.andWhere('c.entityType IN (:...types)', { types: distinct });
    }
    const total = await qb.getCount();
    if (request.after) qb.andWhere('c.seq > :afterSeq', { afterSeq: request.after[0] });
    // Backward: the last changes before the cursor, read newest first and put back in feed order.
    if (request.before) qb.andWhere('c.seq < :beforeSeq', { beforeSeq: request.before[0] });
    if (request.backward) qb.orderBy('c.seq', 'DESC');
    const read = await qb.limit(request.first + 1).getMany();
    const rows = request.backward ? read.reverse() : read;
    const entries = rows.map((c) => ({
      seq: c.seq,
      at: c.at,
      operation: c.operation,
      agency: c.agency,
      typeName: c.entityType,
      // The change's identity is where it was made: the owner and its sequence number there.
      id: `${c.source}:${c.sourceSeq}`,
      recordId: c.entityId,
      version: c.version,
      entity: { __typename: c.entityType as ChangedType, id: c.entityId },
    }));
    return connectionFromPage(entries, total, request);
  }
}
