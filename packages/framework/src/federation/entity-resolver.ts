import { badUserInput, isoTime, notFound, traced } from '@hsg/core';
import type DataLoader from 'dataloader';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { Revision, revisionOf } from '../writes/audit';
import { addAggregateQuery } from '../aggregates/aggregate-field';
import { attrsOf } from '../declarations/declaration';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Citation, type CitationRecord } from '../declarations/citation';
import { CITATIONS_DESCRIPTION } from '../declarations/cited';
import { historyKey, lazyColumn, type BaseContext } from '../persistence/loaders';
import { addWriteMutations, type WriteSpec } from '../writes/mutations';
import { connectionFromPage, PageArgs, pageRequest, type ConnectionShape } from '../persistence/pagination';
import { primed } from '../persistence/scoped-loader';
import { orderOf, pageBatch } from '../persistence/sql-page';

export interface EntitySpec<T extends { id: string }, C extends BaseContext> {
  /** The object type (its GraphQL name is the error's type name). */
  type: ClassType<T>;
  /** The root field that returns one by id ("facility"); null where the resolver declares its own lookup. */
  one: string | null;
  /** Its description, where "One <one> by id." does not say enough. */
  oneDescription?: string;
  /** The request's loader by id: by-id queries and entity references share its batch. */
  byId: (ctx: C) => DataLoader<string, T | null>;
  /** How agencies write it (create/update mutations); absent for a read-only entity. */
  write?: WriteSpec;
}

export interface ListSpec<T extends { id: string }, C extends BaseContext, F extends object> extends EntitySpec<T, C> {
  /** The root field that lists them ("facilities"). */
  many: string;
  manyDescription: string;
  connection: ClassType<ConnectionShape<T>>;
  filter: ClassType<F>;
  /** The filtered list as SQL, ordered by its sort key (the base pages it and applies `updatedSince` in the statement). */
  query: (ctx: C, filter: F | null) => SelectQueryBuilder<T>;
  /** The subgraph's Region stub, so `<many>Aggregate` groups by region as regions (see aggregates/). */
  regionType?: ClassType<{ id: string }>;
}

/** `updatedSince` as the ISO time versions are stamped with, or a BAD_USER_INPUT naming it. */
export function updatedSinceOf(value: string | null | undefined): string | null {
  if (value == null) return null;
  const since = isoTime(value);
  if (!since) {
    throw badUserInput(
      `"updatedSince" must be an ISO 8601 date or time such as "2026-12-01" or "2026-12-01T08:00:00Z"; got "${value}".`,
      'updatedSince',
    );
  }
  return since;
}

/** What buildFederatedSchema reads off a resolver class to answer `_entities` for its type. */
export interface ReferenceResolving {
  typeName: string;
  resolveReference: (reference: { id: string }, ctx: BaseContext) => Promise<unknown>;
}

/**
 * The by-id root field and the entity reference resolver every owned entity has, as one base
 * class (type-graphql's resolvers-inheritance pattern). An unknown id is NOT_FOUND at the root and
 * null in `_entities`, as federation expects.
 */
export function EntityResolver<T extends { id: string }, C extends BaseContext>(spec: EntitySpec<T, C>) {
  const typeName = spec.type.name;
  // The fields a write sets, of which a revision names those it changed.
  const inputFields = attrsOf(spec.type)
    .filter((a) => !a.derived && a.column !== false)
    .map((a) => a.key);

  @Resolver(() => spec.type)
  abstract class Base {
    static readonly typeName = typeName;

    static resolveReference(reference: { id: string }, ctx: BaseContext): Promise<T | null> {
      return traced(`${typeName}.reference`, { 'hsg.entity.id': reference.id }, () => spec.byId(ctx as C).load(reference.id));
    }

    @FieldResolver(() => [Revision], {
      description: 'Every version of this record, oldest first: the seed load from the source texts, then each agency write.',
    })
    async history(@Root() row: T, @Ctx() ctx: C): Promise<Revision[]> {
      return (await ctx.history.load(historyKey(typeName, row.id))).map((a) => revisionOf(a, inputFields));
    }

    @FieldResolver(() => [Revision], {
      description:
        'The writes agencies made to this record, oldest first, each with the source it cites (facts from the texts cite them in `citations`).',
    })
    async submissions(@Root() row: T, @Ctx() ctx: C): Promise<Revision[]> {
      return (await ctx.history.load(historyKey(typeName, row.id))).filter((a) => a.agency !== null).map((a) => revisionOf(a, inputFields));
    }

    // Citations are a lazy column (see byIdLoader): read only for the rows whose citations are asked for.
    @FieldResolver(() => [Citation], { description: CITATIONS_DESCRIPTION })
    citations(@Root() row: T, @Ctx() ctx: C): Promise<CitationRecord[]> {
      return lazyColumn<CitationRecord[]>(ctx, spec.type, row, 'citations');
    }

    one(id: string, ctx: C): Promise<T> {
      return traced(`${typeName}.byId`, { 'graphql.field.name': spec.one ?? typeName, 'hsg.entity.id': id }, async () => {
        const found = await spec.byId(ctx).load(id);
        if (!found) throw notFound(typeName, id);
        return found;
      });
    }
  }
  if (spec.one) {
    // Declared here rather than on the method, so a resolver with a lookup of its own can leave it out.
    Arg('id', () => ID)(Base.prototype, 'one', 0);
    Ctx()(Base.prototype, 'one', 1);
    Query(() => spec.type, {
      name: spec.one,
      nullable: true,
      description: `${spec.oneDescription ?? `One ${spec.one} by id.`} An unknown id is a NOT_FOUND error.`,
    })(Base.prototype, 'one', Object.getOwnPropertyDescriptor(Base.prototype, 'one')!);
  }
  if (spec.write) addWriteMutations(Base, spec.type, spec.write);
  return Base;
}

/** EntityResolver plus the root list, `<many>(filter, first, after)`, a connection, and its aggregate, `<many>Aggregate(filter, groupBy)`. */
export function ListedEntityResolver<T extends { id: string }, C extends BaseContext, F extends object>(spec: ListSpec<T, C, F>) {
  @Resolver()
  abstract class Base extends EntityResolver(spec) {
    @Query(() => spec.connection, { name: spec.many, description: spec.manyDescription })
    async many(
      @Arg('filter', () => spec.filter, { nullable: true }) filter: F | null,
      @Arg('updatedSince', () => String, {
        nullable: true,
        description: 'Only records whose current version was written at or after this time (ISO 8601), for incremental downloads.',
      })
      updatedSince: string | null,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() ctx: C,
    ): Promise<ConnectionShape<T>> {
      return traced(`${spec.type.name}.list`, { 'graphql.field.name': spec.many }, () => listOf(spec, filter, updatedSince, page, ctx));
    }
  }
  addAggregateQuery(Base as unknown as ClassType, {
    type: spec.type,
    many: spec.many,
    filter: spec.filter,
    query: (ctx: C, filter: F | null) => spec.query(ctx, filter) as unknown as SelectQueryBuilder<ObjectLiteral>,
    since: (qb, updatedSince) => {
      const since = updatedSinceOf(updatedSince);
      if (since) qb.andWhere(`${qb.alias}.updatedAt >= :updatedSince`, { updatedSince: since });
    },
    regionType: spec.regionType,
  });
  return Base;
}

/** The root list's page: the filtered list in SQL, `updatedSince` applied, paged in the same statement. */
async function listOf<T extends { id: string }, C extends BaseContext, F extends object>(
  spec: ListSpec<T, C, F>,
  filter: F | null,
  updatedSince: string | null,
  page: PageArgs,
  ctx: C,
): Promise<ConnectionShape<T>> {
  const since = updatedSinceOf(updatedSince);
  const qb = spec.query(ctx, filter);
  if (since) qb.andWhere(`${qb.alias}.updatedAt >= :updatedSince`, { updatedSince: since });
  const request = pageRequest(page, orderOf(qb as SelectQueryBuilder<ObjectLiteral>, spec.type.name));
  const [{ rows, total }] = await pageBatch(ctx.dataSource, [qb], request);
  return connectionFromPage(primed(spec.byId(ctx), rows), total, request);
}
