import { badUserInput } from '@hsg/core';
import type { BaseContext } from '@hsg/framework';
import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { fromGlobalId, Node } from './node';
import { NODE_TYPES } from './search-hit';

/** The most global ids one `nodes` call takes: a page's worth, as a connection's largest page. */
export const MAX_NODES = 100;

type NodeRef = { __typename: string; id: string };

/**
 * `node(id:)` and `nodes(ids:)` for every entity type: the global id names the type and the
 * record, this subgraph answers a key-only reference of the owner's type, and the gateway asks the
 * owner for the fields selected. Whether the record exists is read from the change feed this
 * subgraph follows (every record has at least its seed load or creation there), in one statement
 * for all the ids; an id of no record answers null, as Relay expects. A record an agency has just
 * created is found once the feed has it (within about a second, as `search` and `changes`).
 */
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      'The record a global id names (its `globalId`), of any type; null when no record has it. A malformed id is a BAD_USER_INPUT naming `id`.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global id, as a record\u2019s `globalId` gives it.' }) id: string,
    @Ctx() { dataSource }: BaseContext,
  ): Promise<NodeRef | null> {
    const [found] = await existing(dataSource, [fromGlobalId(id, NODE_TYPES, 'id')]);
    return found;
  }

  @Directive(`@listSize(assumedSize: ${MAX_NODES})`)
  @Query(() => [Node], {
    nullable: 'items',
    description: `The records several global ids name, in the order asked (null for an id of no record); at most ${MAX_NODES} ids.`,
  })
  async nodes(
    @Arg('ids', () => [ID], { description: `Global ids (\`globalId\`), 1 to ${MAX_NODES}.` }) ids: string[],
    @Ctx() { dataSource }: BaseContext,
  ): Promise<(NodeRef | null)[]> {
    if (ids.length < 1 || ids.length > MAX_NODES)
      throw badUserInput(`"ids" must hold 1 to ${MAX_NODES} global ids; got ${ids.length}. Ask for more in several calls.`, 'ids');
    return existing(
      dataSource,
      ids.map((id, i) => fromGlobalId(id, NODE_TYPES, `ids[${i}]`)),
    );
  }
}

/**
 * Each asked record as a reference if it exists, else null, in one statement: a record is on the
 * change feed (its seed load or its creation), or, for a region (the regions' seed load is not on
 * the feed: no agency writes regions), in the search index, which holds every region's name.
 */
async function existing(dataSource: BaseContext['dataSource'], asked: { type: string; id: string }[]): Promise<(NodeRef | null)[]> {
  const q = (name: string) => dataSource.driver.escape(name);
  const params: Record<string, string> = {};
  const pairs = (typeColumn: string, idColumn: string) =>
    asked
      .map(({ type, id }, i) => {
        params[`type${i}`] = type;
        params[`id${i}`] = id;
        return `(${q(typeColumn)} = :type${i} AND ${q(idColumn)} = :id${i})`;
      })
      .join(' OR ');
  const [sql, bound] = dataSource.driver.escapeQueryWithParameters(
    `SELECT ${q('entityType')} AS ${q('type')}, ${q('entityId')} AS ${q('id')} FROM ${q('change')} WHERE ${pairs('entityType', 'entityId')} ` +
      `UNION SELECT ${q('kind')}, ${q('entityId')} FROM ${q('search_term')} WHERE ${q('kind')} = 'Region' AND (${pairs('kind', 'entityId')})`,
    params,
    {},
  );
  const rows: { type: string; id: string }[] = await dataSource.query(sql, bound);
  const found = new Set(rows.map((r) => `${r.type}:${r.id}`));
  return asked.map(({ type, id }) => (found.has(`${type}:${id}`) ? { __typename: type, id } : null));
}
