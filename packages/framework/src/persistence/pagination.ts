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

  @Field(() => Int, {
    nullable: true,
    description: `Page backwards: the last items before \`before\` (or of the whole list), 1 to ${MAX_PAGE_SIZE}; not with \`first\` or \`after\`.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items before this cursor (a `startCursor` or edge `cursor`), paging backwards; not with `first` or `after`.',
  })
  before?: string | null;
}

/** The page arguments as one key: requests asking the same page of a list are answered together. */
export const pageKey = (page: PageArgs) => [page.first ?? null, page.after ?? null, page.last ?? null, page.before ?? null];

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

/** A sort key value: every list is ordered by columns of these types, the id last. */
export type KeyValue = string | number;

/**
 * How a list is ordered: ascending by `keys` (entity properties), the last of which is unique (the
 * id), so the order is total. `tag` names the list's order in its cursors: a cursor from a list
 * ordered differently is refused instead of being read as a position in this one.
 */
export interface ListOrder {
  tag: string;
  keys: string[];
}

export const orderById = (typeName: string): ListOrder => ({ tag: `${typeName}:id`, keys: ['id'] });

/** The sort key of a row, in the order's key order. */
export function keyOf(order: ListOrder, row: object): KeyValue[] {
  return order.keys.map((k) => {
    const value = (row as Record<string, unknown>)[k];
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${order.tag}: sort key ${k} is ${value} on a row`);
    return value;
  });
}

/** Compares two sort keys as SQL compares them with a binary collation (code-unit order for text). */
export function compareKeys(a: KeyValue[], b: KeyValue[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/**
 * Keyset cursors: a cursor is the sort key of the row it follows (with the order's tag), so a page
 * stays right when rows are inserted or removed before it between two requests — an offset would
 * repeat or skip rows then. Opaque to clients: base64url of a JSON array.
 */
export function encodeCursor(order: ListOrder, key: KeyValue[]): string {
  return Buffer.from(JSON.stringify([order.tag, ...key]), 'utf8').toString('base64url');
}

/** Longest cursor accepted: sort keys are ids, dates and periods, far shorter. */
const MAX_CURSOR_CHARS = 600;
/** What a sort key's text can be: ids (slugs, division codes), dates and periods. */
const KEY_TEXT = /^[0-9A-Za-z][0-9A-Za-z._:/-]{0,199}$/;

/**
 * Strict: only a cursor encodeCursor could have written for this list's order is accepted
 * (canonical base64url of `[tag, ...key]`, each key an id-, date- or period-shaped string or a safe integer of 0 or more), so a forged,
 * truncated, oversized or foreign cursor is a BAD_USER_INPUT naming `after` and never reaches SQL.
 */
export function decodeCursor(order: ListOrder, cursor: string, argument: 'after' | 'before' = 'after'): KeyValue[] {
  const refuse = () =>
    badUserInput(
      `"${argument}" is not a cursor of this list: "${cursor.slice(0, 100)}${cursor.length > 100 ? '…' : ''}". Use ${argument === 'after' ? 'an endCursor' : 'a startCursor'} (or edge cursor) from a previous page of the same list.`,
      argument,
    );
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== order.keys.length + 1 || parsed[0] !== order.tag) throw refuse();
  const key = parsed.slice(1) as unknown[];
  // No sort key is negative (ids, dates, periods, sequence numbers): a cursor for -1 was never issued.
  const valid = key.every(
    (v) => (typeof v === 'string' && KEY_TEXT.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0),
  );
  if (!valid || encodeCursor(order, key as KeyValue[]) !== cursor) throw refuse();
  return key as KeyValue[];
}

/**
 * A checked page request: how many rows (`first`, whichever way), after which sort key (null:
 * from the start), in which order — or, `backward`, the last `first` rows before `before` (null:
 * the end of the list).
 */
export interface PageRequest {
  first: number;
  after: KeyValue[] | null;
  order: ListOrder;
  backward?: boolean;
  before?: KeyValue[] | null;
}

function pageSize(value: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    const more = argument === 'first' ? 'Page through longer lists with "after".' : 'Page further back with "before".';
    throw badUserInput(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}; got ${value}. ${more}`, argument);
  }
  return value;
}

/**
 * Forward (`first`/`after`) or backward (`last`/`before`), as Relay's connections page; the two
 * directions are not mixed in one request (a window between two cursors is not a page a client
 * asks for), so a request that mixes them is refused rather than half-read.
 */
export function pageRequest(args: PageArgs, order: ListOrder): PageRequest {
  const backward = args.last != null || args.before != null;
  if (backward) {
    const mixed = args.first != null ? 'first' : args.after != null ? 'after' : null;
    if (mixed)
      throw badUserInput(
        `"${mixed}" pages forwards and "${args.last != null ? 'last' : 'before'}" backwards: pass "first"/"after" or "last"/"before", not both.`,
        mixed,
      );
    const before = args.before ? decodeCursor(order, args.before, 'before') : null;
    return { first: pageSize(args.last ?? DEFAULT_PAGE_SIZE, 'last'), after: null, order, backward: true, before };
  }
  const first = pageSize(args.first ?? DEFAULT_PAGE_SIZE, 'first');
  return { first, after: args.after ? decodeCursor(order, args.after) : null, order };
}

/**
 * A connection from the rows after the cursor, in list order — up to `first + 1` of them: the one
 * past the page only says that more follow — and the whole list's size. Paging backward, the rows
 * are the last `first + 1` before the cursor, still in list order: the extra one is the first.
 */
export function connectionFromPage<T extends object>(rows: T[], totalCount: number, request: PageRequest): ConnectionShape<T> {
  const more = rows.length > request.first;
  const page = request.backward ? rows.slice(more ? 1 : 0) : rows.slice(0, request.first);
  const edges = page.map((node) => ({ cursor: encodeCursor(request.order, keyOf(request.order, node)), node }));
  return {
    totalCount,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: request.backward ? request.before != null : more,
      hasPreviousPage: request.backward ? more : request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The `<Name>Edge` class of each connection Connection declared, for a field that returns one edge (a stream's event). */
const EDGES = new WeakMap<Function, ClassType<Edge<object>>>();

/** The edge type of a connection declared with Connection. */
export function edgeTypeOf<T extends object>(connection: ClassType<ConnectionShape<T>>): ClassType<Edge<T>> {
  const edge = EDGES.get(connection);
  if (!edge) throw new Error(`${connection.name} was not declared with Connection()`);
  return edge as ClassType<Edge<T>>;
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
  EDGES.set(ConnectionType, EdgeType);
  return ConnectionType;
}
