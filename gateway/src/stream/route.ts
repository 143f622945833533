import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import {
  graphqlError,
  refuseBody,
  sendJson,
  type Caller,
  type Logger,
  type OperationLimits,
  type RequestInfo,
  type StreamLimits,
} from '@hsg/core';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { TrustedDocuments } from '../trusted-documents';
import { CURSOR_ALIAS, followOf, TAIL_QUERY, tailVariables, type Follow } from './follow';
import { FeedHead, HEAD_POLL_MS } from './head';
import { streamRequest, StreamRefusal } from './request';
import { COMPLETE_EVENT, KEEP_ALIVE, KEEP_ALIVE_MS, nextEvent, STREAM_HEADERS, write } from './sse';
import { StreamSlots } from './slots';

/** A failure the feed may get over (a subgraph down or slow): the stream waits and reads again. */
const TRANSIENT = new Set(['SUBGRAPH_UNAVAILABLE', 'DEADLINE_EXCEEDED', 'INTERNAL_SERVER_ERROR']);

/** The status a stream is refused with when its first read fails, by the error's code. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  QUERY_NOT_IN_SAFELIST: 403,
  SUBGRAPH_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 503,
};

interface Result {
  data?: Record<string, any> | null;
  errors?: readonly GraphQLFormattedError[];
  status: number;
}

interface Page {
  edges: Record<string, unknown>[];
  hasNextPage: boolean;
}

/** A page's edges with their errors, each error moved from `changes.edges.<i>` to the event's own path. */
function eventsOf(page: Page, errors: readonly GraphQLFormattedError[] = [], responseKey: string) {
  return page.edges.map((edge, i) => {
    const cursor = String(edge[CURSOR_ALIAS]);
    const { [CURSOR_ALIAS]: _, ...rest } = edge;
    const own = errors
      .filter((e) => e.path?.[0] === 'changes' && e.path[1] === 'edges' && e.path[2] === i)
      .map(({ locations: _l, path, ...e }) => ({ ...e, path: [responseKey, ...path!.slice(3)] }));
    return { cursor, result: { data: { [responseKey]: rest }, ...(own.length ? { errors: own } : {}) } };
  });
}

const withoutLocations = (errors: readonly GraphQLFormattedError[]) => errors.map(({ locations: _, ...e }) => e);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The gateway's change streams at `/graphql/stream`: `Subscription.changes` over GraphQL over
 * Server-Sent Events (distinct connections mode). A stream is checked (./request.ts), counted
 * (./slots.ts), and its first page read before it opens, so a bad cursor, an unknown type or a
 * selection over a limit is a 4xx rather than an event; then it sends one `next` event per change,
 * with the change's cursor as the SSE id, reading further pages when the feed's head moves
 * (./head.ts). It never completes by itself: it ends when the client leaves, when the gateway
 * stops (without `complete`, so clients reconnect, with Last-Event-ID, elsewhere), or with an
 * error that reading again would not mend (then `complete`).
 */
export class ChangeStreams {
  private readonly slots: StreamSlots;
  private readonly head: FeedHead;
  private readonly open = new Set<AbortController>();

  constructor(
    private readonly apollo: ApolloServer<RequestInfo>,
    private readonly schema: GraphQLSchema,
    private readonly trusted: TrustedDocuments,
    private readonly requiresTrusted: (caller: Caller) => boolean,
    private readonly limits: OperationLimits,
    streamLimits: StreamLimits,
    private readonly logger: Logger,
  ) {
    this.slots = new StreamSlots(streamLimits);
    // The gateway's own reads: they run where only registered documents may.
    trusted.add(TAIL_QUERY);
    const own: RequestInfo = { requestId: `stream-head-${randomUUID()}`, authorization: null, caller: { kind: 'anonymous' } };
    this.head = new FeedHead(async () => {
      const result = await this.run(TAIL_QUERY, tailVariables(null), own);
      if (!result.data?.changes) throw new Error(result.errors?.map((e) => e.message).join('; ') ?? 'no data');
      return (result.data.changes.edges[0]?.cursor as string | undefined) ?? null;
    }, logger);
  }

  /** Streams open now. */
  get size(): number {
    return this.slots.size;
  }

  private async run(query: string, variables: Record<string, unknown>, info: RequestInfo): Promise<Result> {
    const response = await this.apollo.executeOperation({ query, variables }, { contextValue: info });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    return { data, errors, status: response.http.status ?? 200 };
  }

  /** Refuses a stream with a result's errors (before it opens): the HTTP status Apollo gave, else one for the first code. */
  private refuse(res: ServerResponse, result: Result): void {
    const errors = withoutLocations(
      result.errors ?? [{ message: 'The feed returned no data.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    );
    const code = String(errors[0].extensions?.code ?? '');
    const status = result.status >= 400 ? result.status : (STATUS[code] ?? (code === 'INTERNAL_SERVER_ERROR' ? 500 : 400));
    sendJson(res, status, { errors });
  }

  /** Answers one stream request from the client at `address`; resolves when the stream has ended. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo, address: string): Promise<void> {
    let follow: Follow;
    let after: string | null;
    let types: string[] | null;
    try {
      const request = await streamRequest(req, url, this.schema, this.limits);
      if (this.requiresTrusted(info.caller) && !this.trusted.has(request.document))
        throw new StreamRefusal(
          403,
          'QUERY_NOT_IN_SAFELIST',
          'This gateway runs only registered (trusted) documents for this caller, and this subscription is not one of them. Add it to your app’s trusted-documents manifest and have it registered.',
        );
      ({ after, types } = request);
      follow = followOf(request);
    } catch (e) {
      if (refuseBody(res, e, this.limits.maxBodyBytes)) return;
      if (!(e instanceof StreamRefusal)) throw e;
      if (e.status === 405) res.setHeader('allow', 'GET, POST');
      return graphqlError(res, e.status, e.code, e.message, e.extensions);
    }
    // A registered subscription's page query is the gateway's own rendering of it.
    if (this.requiresTrusted(info.caller)) this.trusted.add(follow.query);

    const release = this.slots.acquire(info.caller, address, res);
    if (!release) return;
    const abort = new AbortController();
    const { signal } = abort;
    this.open.add(abort);
    const unfollow = this.head.follow();
    const timers: { keepAlive?: NodeJS.Timeout } = {};
    let events = 0;
    const started = Date.now();
    signal.addEventListener('abort', () => {
      clearInterval(timers.keepAlive);
      this.open.delete(abort);
      release();
      unfollow();
      if (!res.headersSent) res.destroy();
      else if (!res.writableEnded) res.end();
      this.logger.info({ requestId: info.requestId, events, durationMs: Date.now() - started }, 'change stream closed');
    });
    res.once('close', () => abort.abort());

    // Where the head stood before a read: a head that moves during it is read again.
    let seen = this.head.now;
    if (after === null) {
      const tail = await this.run(TAIL_QUERY, tailVariables(types), info);
      if (!tail.data?.changes) return void (this.refuse(res, tail), abort.abort());
      after = (tail.data.changes.edges[0]?.cursor as string | undefined) ?? null;
    }
    let result = await this.run(follow.query, follow.variables(after), info);
    if (signal.aborted) return;
    if (!result.data?.changes) return void (this.refuse(res, result), abort.abort());

    res.writeHead(200, STREAM_HEADERS);
    res.write(KEEP_ALIVE);
    timers.keepAlive = setInterval(() => !res.writableEnded && res.write(KEEP_ALIVE), KEEP_ALIVE_MS);
    this.logger.info({ requestId: info.requestId, after, types }, 'change stream opened');
    for (;;) {
      // Every page of what is new, then wait for the head to move.
      if (result.data?.changes) {
        const page = result.data.changes as Page;
        for (const { cursor, result: event } of eventsOf(page, result.errors, follow.responseKey)) {
          await write(res, nextEvent(cursor, event), signal);
          if (signal.aborted) return;
          after = cursor;
          events++;
        }
        if (!page.hasNextPage) {
          await this.head.movedFrom(seen, signal);
          if (signal.aborted) return;
        }
      } else {
        const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
        if (!codes.every((c) => TRANSIENT.has(c))) {
          // Reading again would fail the same way (the token expired, say): say why, and end.
          await write(res, nextEvent(null, { errors: withoutLocations(result.errors ?? []) }), signal);
          await write(res, COMPLETE_EVENT, signal);
          return abort.abort();
        }
        await sleep(HEAD_POLL_MS, signal);
        if (signal.aborted) return;
      }
      seen = this.head.now;
      result = await this.run(follow.query, follow.variables(after), info);
      if (signal.aborted) return;
    }
  }

  /** Ends every open stream (without `complete`: their clients reconnect, and resume where they were). */
  close(): void {
    for (const abort of [...this.open]) abort.abort();
    this.head.stop();
  }
}
