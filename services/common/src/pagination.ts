import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput, MAX_PAGE_SIZE } from '@hsg/core';

export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` or edge `cursor`).' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Edge<T>[];
  nodes: T[];
}

/**
 * Cursors are opaque to clients; inside they are offsets into the list's stable order (every list
 * is ordered by a unique key). The data is curated and changes only by re-seeding, so offsets are
 * stable between pages.
 */
const PREFIX = 'o:';
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** An offset as encodeCursor writes it: decimal digits, no sign, exponent, hex or leading zero. */
const OFFSET = /^(0|[1-9][0-9]{0,8})$/;

/**
 * Strict: only a cursor encodeCursor could have written is accepted (`o:` and digits, in canonical
 * base64url), so `o:1e21`, `o:` or `o:0x10` are refused here instead of reaching SQL.
 */
function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!OFFSET.test(digits) || encodeCursor(Number(digits)) !== cursor) {
    throw badUserInput(
      `"after" is not a cursor this API issued: "${cursor.slice(0, 100)}". Use an endCursor from a previous page.`,
      'after',
    );
  }
  return Number(digits);
}

/** The slice a page covers, with `first` and `after` checked. */
export interface PageWindow {
  offset: number;
  limit: number;
}

export function pageWindow(args: PageArgs): PageWindow {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}; got ${first}. Page through longer lists with "after".`, 'first');
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: first };
}

/** A connection from the rows of one page (at most `limit` of them) and the list's total size. */
export function connectionFromPage<T>(rows: T[], totalCount: number, window: PageWindow): ConnectionShape<T> {
  const edges = rows.slice(0, window.limit).map((node, i) => ({ cursor: encodeCursor(window.offset + i), node }));
  return {
    totalCount,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: window.offset + edges.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A connection over a list already in memory (a batch of children split per parent). */
export function connectionFromArray<T>(all: T[], window: PageWindow): ConnectionShape<T> {
  return connectionFromPage(all.slice(window.offset, window.offset + window.limit), all.length, window);
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string, description: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => node, { description: 'The item.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => Int, { description: 'How many items the whole list holds (all pages).' })
    totalCount!: number;

    @Field(() => PageInfo, { description: 'Where this page stands in the list.' })
    pageInfo!: PageInfo;

    @Field(() => [EdgeType], { description: 'The items of this page, each with its cursor.' })
    edges!: EdgeType[];

    @Field(() => [node], { description: 'The items of this page.' })
    nodes!: T[];
  }
  return ConnectionType;
}
