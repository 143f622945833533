import { notFound, traced } from '@hsg/core';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { SourceDocument } from '../declarations/citation';
import type { BaseContext } from '../persistence/loaders';
import { Connection, connectionFromPage, PageArgs, pageRequest, type ConnectionShape } from '../persistence/pagination';
import { primed } from '../persistence/scoped-loader';
import { orderOf, pageBatch } from '../persistence/sql-page';
import { checkSourceId, SourceFilter, sourceQuery } from './filter';

export const SourceConnection = Connection(SourceDocument, 'SourceDocument', 'A page of source texts.');

/**
 * `sources` and `source(id:)`. Every subgraph holds the same `source_document` table, but these
 * root fields are served by one subgraph only (the indicators subgraph adds this resolver to its
 * schema): one owner gives the gateway one fetch to plan and the tests one statement to count,
 * with no `@shareable` root fields, connections and filter inputs to keep identical in five
 * schemas; and the search subgraph, whose copy is written at its first start and never merged
 * with later seeds, could never be the one asked. The by-id lookup shares the request's source
 * loader with `Citation.source`, so a source named by both is read once.
 */
@Resolver()
export class SourceResolver {
  @Query(() => SourceConnection, {
    name: 'sources',
    description:
      'The source texts every fact is taken from, by id ("000" … "004"), filtered and paged. The records a source backs are in every list, by the `sourceId` of its filter.',
  })
  sources(
    @Arg('filter', () => SourceFilter, { nullable: true }) filter: SourceFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<ConnectionShape<SourceDocument>> {
    return traced('SourceDocument.list', { 'graphql.field.name': 'sources' }, async () => {
      const qb = sourceQuery(ctx.dataSource, filter);
      const request = pageRequest(page, orderOf(qb as unknown as SelectQueryBuilder<ObjectLiteral>, 'SourceDocument'));
      const [{ rows, total }] = await pageBatch(ctx.dataSource, [qb], request);
      return connectionFromPage(primed(ctx.sources, rows), total, request);
    });
  }

  @Query(() => SourceDocument, {
    name: 'source',
    nullable: true,
    description: 'One source text by its three-digit id ("003"). A malformed id is a BAD_USER_INPUT error, an unknown one NOT_FOUND.',
  })
  async source(@Arg('id', () => ID) id: string, @Ctx() ctx: BaseContext): Promise<SourceDocument> {
    const found = await ctx.sources.load(checkSourceId(id, 'id'));
    if (!found) throw notFound('SourceDocument', id);
    return found;
  }
}
