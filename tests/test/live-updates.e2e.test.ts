import { startGateway } from '@hsg/gateway';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type ExecutionResult } from 'graphql-sse';
import { startStack, urlsOf, type Stack } from './stack';

/**
 * Live updates: `subscription { changes }` over GraphQL over SSE at the gateway's /graphql/stream,
 * with graphql-sse's own client, and raw requests for what a browser's EventSource does (GET, the
 * SSE id, Last-Event-ID on a reconnect) and for the refusals.
 */
let stack: Stack;
let gz: string; // Guangzhou's health commission: facilities:write in 440100
let streamUrl: string;
beforeAll(async () => {
  stack = await startStack(undefined, { streams: { perCaller: 2, total: 3 } });
  gz = await stack.keys.token();
  streamUrl = stack.gateway.url.replace(/\/graphql$/, '/graphql/stream');
});
afterAll(() => stack?.stop());

async function gql(query: string, variables: Record<string, unknown> = {}, token: string | null = null) {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] } };
}

const source = { title: '广州市卫生健康委员会关于南沙新院区启用的通知', reference: '穗卫〔2026〕12号', date: '2026-11-30' };
async function createFacility(id: string, name: string) {
  const res = await gql(
    'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id version } }',
    { input: { record: { id, name, type: 'GENERAL_HOSPITAL', regionId: '440115' }, source } },
    gz,
  );
  expect([res.body.errors, res.body.data]).toEqual([undefined, { createFacility: { id, version: 1 } }]);
}

/** The feed's position now, for Facility writes: the cursor of the latest one. */
async function facilityTail(): Promise<string> {
  const res = await gql('{ changes(types: ["Facility"], last: 1) { edges { cursor } } }');
  return res.body.data.changes.edges[0].cursor;
}

/** The Facility changes after a position, as the paged query lists them. */
async function facilityChangesAfter(after: string) {
  const res = await gql(
    'query($after: String) { changes(types: ["Facility"], after: $after, first: 10) { edges { cursor node { id recordId } } } }',
    {
      after,
    },
  );
  return res.body.data.changes.edges as { cursor: string; node: { id: string; recordId: string } }[];
}

const SUBSCRIPTION = `subscription Feed($after: String) {
  changes(after: $after, types: ["Facility"]) {
    cursor
    node { id typeName recordId operation agency version entity { ... on Facility { name region { id name } } } }
  }
}`;

interface SseEvent {
  event: string;
  id: string | null;
  data: any;
}

/** A stream read as EventSource reads one: events split at blank lines, comments skipped, `id` kept. */
async function openRaw(
  init: { method?: string; body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {},
  url = streamUrl,
) {
  const abort = new AbortController();
  const method = init.method ?? 'POST';
  const target = init.query ? `${url}?${new URLSearchParams(init.query)}` : url;
  const res = await fetch(target, {
    method,
    signal: abort.signal,
    headers: { accept: 'text/event-stream', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(method === 'POST' ? { body: JSON.stringify(init.body) } : {}),
  });
  const events: SseEvent[] = [];
  const wake: { waiting: (() => void) | null } = { waiting: null };
  let ended = false;
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = block.split('\n').filter((line) => !line.startsWith(':'));
            if (fields.length === 0) continue;
            const value = (name: string) =>
              fields
                .find((f) => f.startsWith(`${name}:`))
                ?.slice(name.length + 1)
                .trim() ?? null;
            const data = value('data');
            events.push({ event: value('event')!, id: value('id'), data: data ? JSON.parse(data) : null });
            wake.waiting?.();
          }
        }
      } catch {
        // aborted
      }
      ended = true;
      wake.waiting?.();
    })();
  }
  return {
    res,
    events,
    get ended() {
      return ended;
    },
    /** Waits until `n` events have arrived (or the stream ended), at most `ms`. */
    async take(n: number, ms = 20_000): Promise<SseEvent[]> {
      const deadline = Date.now() + ms;
      while (events.length < n && !ended && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          wake.waiting = resolve;
          setTimeout(resolve, 200);
        });
      }
      return events.slice(0, n);
    },
    close: () => abort.abort(),
  };
}

/** Waits until the gateway has let go of closed streams (it learns of a disconnect a moment later). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('the subscription', () => {
  test('is served over POST /graphql/stream only: POST /graphql refuses it with a 400 naming the stream', async () => {
    const res = await gql(SUBSCRIPTION);
    expect(res.status).toBe(400);
    expect(res.body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors![0].message).toBe(
      "Subscriptions are not run at /graphql, which answers each request once. Subscribe at the gateway's /graphql/stream (GraphQL over Server-Sent Events, with Accept: text/event-stream).",
    );
    // Queries still run beside the Subscription type in the supergraph.
    const query = await gql('{ region(id: "440115") { name } }');
    expect(query.body.data).toEqual({ region: { name: '南沙区' } });
  });

  test('graphql-sse’s client receives each new change, with exact values, from a position', async () => {
    const position = await facilityTail();
    const client = createClient({ url: streamUrl, retryAttempts: 0 });
    const received: ExecutionResult<any, unknown>[] = [];
    let error: unknown = null;
    const dispose = client.subscribe(
      { query: SUBSCRIPTION, variables: { after: position } },
      { next: (r) => void received.push(r), error: (e) => void (error = e), complete: () => {} },
    );
    try {
      await createFacility('live-updates-first', '南沙实时更新测试医院');
      for (let i = 0; i < 100 && received.length < 1 && !error; i++) await new Promise((r) => setTimeout(r, 100));
      expect(error).toBeNull();
      const [listed] = await facilityChangesAfter(position);
      expect(received).toEqual([
        {
          data: {
            changes: {
              cursor: listed.cursor,
              node: {
                id: listed.node.id,
                typeName: 'Facility',
                recordId: 'live-updates-first',
                operation: 'createFacility',
                agency: 'guangzhou-health-commission',
                version: 1,
                entity: { name: '南沙实时更新测试医院', region: { id: '440115', name: '南沙区' } },
              },
            },
          },
        },
      ]);
      expect(listed.node.id).toMatch(/^facilities:\d+$/);
    } finally {
      dispose();
      client.dispose();
    }
  });

  test('a reconnect with Last-Event-ID gets exactly the changes it missed, none twice; `after` does the same', async () => {
    const position = await facilityTail();
    const body = { query: SUBSCRIPTION, variables: { after: position } };
    const first = await openRaw({ body });
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await createFacility('live-updates-a', '实时更新测试甲医院');
    const [a] = await first.take(1);
    expect(a.event).toBe('next');
    expect(a.data.data.changes.node.recordId).toBe('live-updates-a');
    // The SSE id is the change's cursor: what EventSource sends back as Last-Event-ID.
    expect(a.id).toBe(a.data.data.changes.cursor);
    first.close();

    await createFacility('live-updates-b', '实时更新测试乙医院');
    await createFacility('live-updates-c', '实时更新测试丙医院');
    // The feed has them within about a second (search follows the owners' feeds).
    let missed: string[] = [];
    for (let i = 0; i < 100 && missed.length < 2; i++, await new Promise((r) => setTimeout(r, 100)))
      missed = (await facilityChangesAfter(a.id!)).map((e) => e.cursor);
    expect(missed.length).toBe(2);

    // As EventSource reconnects: a GET with the same URL and the last id it saw.
    const again = await openRaw({
      method: 'GET',
      query: { query: SUBSCRIPTION, variables: JSON.stringify(body.variables) },
      headers: { 'last-event-id': a.id! },
    });
    // And as a graphql-sse client resumes: `after` the last cursor it kept.
    const resumed = await openRaw({ body: { query: SUBSCRIPTION, variables: { after: a.id } } });
    const events = await again.take(2);
    expect(events.map((e) => [e.id, e.data.data.changes.node.recordId])).toEqual([
      [missed[0], 'live-updates-b'],
      [missed[1], 'live-updates-c'],
    ]);
    expect((await resumed.take(2)).map((e) => e.id)).toEqual(missed);
    // The next event is the next write, not a repeat.
    await createFacility('live-updates-d', '实时更新测试丁医院');
    const [, , d] = await again.take(3);
    expect(d.data.data.changes.node.recordId).toBe('live-updates-d');
    expect((await resumed.take(3))[2].id).toBe(d.id);
    again.close();
    resumed.close();
    await settle();
  });

  test('CORS headers come with a stream as with /graphql, and a preflight is answered', async () => {
    const origin = 'http://127.0.0.1:5173';
    const stream = await openRaw({ body: { query: SUBSCRIPTION }, headers: { origin } });
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('access-control-allow-origin')).toBe(origin);
    stream.close();
    const preflight = await fetch(streamUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    await settle();
  });
});

describe('bounds', () => {
  const streams: Awaited<ReturnType<typeof openRaw>>[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await settle();
  });

  test('a caller holds STREAMS_PER_CALLER streams; the next is a 429 until one closes', async () => {
    const body = { query: 'subscription { changes { cursor } }' };
    for (let i = 0; i < 2; i++) {
      streams.push(await openRaw({ body }));
      expect(streams[i].res.status).toBe(200);
    }
    const refused = await openRaw({ body });
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBe('10');
    expect(await refused.res.json()).toEqual({
      errors: [
        {
          message:
            '2 change streams at a time are open to anonymous requests from 127.0.0.1, and that many are open. Close one (a client that disconnects frees its stream at once), or retry after 10 s. (STREAMS_PER_CALLER)',
          extensions: { code: 'RATE_LIMITED', retryAfter: 10, limit: 'STREAMS_PER_CALLER' },
        },
      ],
    });
    streams.shift()!.close();
    await settle();
    streams.push(await openRaw({ body }));
    expect(streams[streams.length - 1].res.status).toBe(200);
  });

  test('an agency is counted apart from anonymous callers, and every stream counts toward STREAMS_MAX', async () => {
    const body = { query: 'subscription { changes { cursor } }' };
    const agency = { authorization: `Bearer ${gz}` };
    streams.push(await openRaw({ body }), await openRaw({ body }), await openRaw({ body, headers: agency }));
    expect(streams.map((s) => s.res.status)).toEqual([200, 200, 200]);
    const refused = await openRaw({ body, headers: agency });
    expect(refused.res.status).toBe(429);
    const error = ((await refused.res.json()) as any).errors[0];
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 10, limit: 'STREAMS_MAX' });
    expect(error.message).toBe('This gateway holds 3 change streams at a time, and that many are open. Retry after 10 s. (STREAMS_MAX)');
  });
});

describe('refusals before a stream opens', () => {
  const refusal = async (init: Parameters<typeof openRaw>[0]) => {
    const stream = await openRaw(init);
    const body = (await stream.res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    return { status: stream.res.status, error: body.errors[0] };
  };
  const sub = (args = '') => `subscription { changes${args} { cursor } }`;

  test.each([
    [
      'a query',
      { body: { query: '{ changes(first: 1) { totalCount } }' } },
      400,
      'GRAPHQL_VALIDATION_FAILED',
      'The stream runs subscriptions; send a query to POST /graphql. (OPERATION_TYPE)',
    ],
    [
      'a mutation',
      { body: { query: 'mutation { deleteFacility(id: "x") { id } }' } },
      400,
      'GRAPHQL_VALIDATION_FAILED',
      'The stream runs subscriptions; send a mutation to POST /graphql. (OPERATION_TYPE)',
    ],
    [
      'a second operation',
      { body: { query: `${sub()} subscription B { changes { cursor } }` } },
      400,
      'OPERATION_RESOLUTION_FAILURE',
      'A stream runs one subscription; the document has 2 operations. Send one per stream.',
    ],
    [
      'a second root field',
      { body: { query: 'subscription { a: changes { cursor } b: changes { cursor } }' } },
      400,
      'GRAPHQL_VALIDATION_FAILED',
      'Anonymous Subscription must select only one top level field.',
    ],
    [
      'a malformed cursor',
      { body: { query: sub('(after: "nonsense")') } },
      400,
      'BAD_USER_INPUT',
      '"after" is not a cursor of this list: "nonsense". Use an endCursor (or edge cursor) from a previous page of the same list.',
    ],
    [
      'a cursor over 200 characters',
      { body: { query: sub(`(after: "${'x'.repeat(201)}")`) } },
      400,
      'BAD_USER_INPUT',
      '"after" (or Last-Event-ID) must be a cursor of at most 200 characters: an event\'s id or cursor, or an endCursor of changes.',
    ],
    [
      'an unknown type',
      { body: { query: sub('(types: ["Hospital"])') } },
      400,
      'BAD_USER_INPUT',
      '"types" names no type the graph has: Hospital. Use Region, Facility, Designation, Project, Indicator, Observation, Plan, Target, Organization, Person, Post, Meeting, Programme.',
    ],
    [
      '51 types',
      {
        body: {
          query: sub('(types: $t)').replace('subscription', 'subscription($t: [String!])'),
          variables: { t: Array(51).fill('Facility') },
        },
      },
      400,
      'BAD_USER_INPUT',
      '"types" takes at most 50 type names.',
    ],
    [
      'no Accept: text/event-stream',
      { body: { query: sub() }, headers: { accept: 'application/json' } },
      406,
      'BAD_REQUEST',
      'The stream answers with Server-Sent Events: send Accept: text/event-stream. Queries and mutations go to POST /graphql.',
    ],
    [
      'a stream token (single connection mode)',
      { body: { query: sub() }, headers: { 'x-graphql-event-stream-token': 'abc' } },
      400,
      'BAD_REQUEST',
      'Only the distinct connections mode of GraphQL over SSE is served: one subscription per request, with no stream token.',
    ],
    ['a PUT', { method: 'PUT' }, 405, 'BAD_REQUEST', 'Use GET or POST for the stream, not PUT.'],
    [
      'no query',
      { body: {} },
      400,
      'BAD_REQUEST',
      'No query: send "query": "subscription { changes { cursor node { id typeName recordId } } }".',
    ],
    [
      'a field the schema lacks',
      { body: { query: 'subscription { changes { nothing } }' } },
      400,
      'GRAPHQL_VALIDATION_FAILED',
      'Cannot query field "nothing" on type "ChangeEdge".',
    ],
  ] as const)('%s', async (_case, init, status, code, message) => {
    const { status: got, error } = await refusal(init as Parameters<typeof openRaw>[0]);
    expect([got, error.extensions.code, error.message]).toEqual([status, code, message]);
  });

  test('a body over MAX_BODY_BYTES is a 413', async () => {
    const { status, error } = await refusal({ body: { query: sub(), variables: { pad: 'x'.repeat(1_100_000) } } });
    expect([status, error.extensions.code]).toEqual([413, 'BAD_REQUEST']);
  });
});

test('stopping the gateway ends its open streams at once, without `complete`', async () => {
  const gateway = await startGateway({ port: 0, subgraphUrls: urlsOf(stack.subgraphs), auth: stack.keys.auth });
  const stream = await openRaw(
    { body: { query: 'subscription { changes { cursor } }' } },
    gateway.url.replace(/\/graphql$/, '/graphql/stream'),
  );
  expect(stream.res.status).toBe(200);
  const started = Date.now();
  await gateway.stop();
  expect(Date.now() - started).toBeLessThan(2000);
  await stream.take(1, 2000);
  expect(stream.ended).toBe(true);
  expect(stream.events).toEqual([]);
});

test('with TRUSTED_DOCUMENTS_ONLY a stream runs a registered subscription and refuses any other with a 403', async () => {
  const registered = 'subscription Registered($after: String) { changes(after: $after, types: ["Facility"]) { cursor node { recordId } } }';
  const dir = mkdtempSync(path.join(tmpdir(), 'hsg-stream-trusted-'));
  const manifest = path.join(dir, 'trusted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [createHash('sha256').update(registered).digest('hex')]: registered }));
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: urlsOf(stack.subgraphs),
    auth: stack.keys.auth,
    trustedDocuments: [manifest],
    trustedDocumentsOnly: true,
  });
  const url = gateway.url.replace(/\/graphql$/, '/graphql/stream');
  try {
    const other = await openRaw({ body: { query: 'subscription { changes { cursor } }' } }, url);
    const body = (await other.res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect([other.res.status, body.errors[0].extensions.code]).toEqual([403, 'QUERY_NOT_IN_SAFELIST']);
    expect(body.errors[0].message).toMatch(/only registered \(trusted\) documents/);

    // The registered one opens, from the feed's position now, and carries the next write.
    const stream = await openRaw({ body: { query: registered, variables: { after: await facilityTail() } } }, url);
    expect(stream.res.status).toBe(200);
    await createFacility('trusted-stream-hospital', '受信文档测试医院');
    const [event] = await stream.take(1, 10_000);
    expect([event?.event, event?.data.data.changes.node]).toEqual(['next', { recordId: 'trusted-stream-hospital' }]);
    stream.close();
  } finally {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
