import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { REPO_ROOT, type RunningServer } from '@hsg/core';
import { startGateway } from '@hsg/gateway';
import { print } from 'graphql';
import { startOwnersStack, ownerUrlsOf } from './owners-stack';
import type { Stack } from './stack';

/**
 * The error contract and persisted documents as a frontend team meets them: through the real
 * Apollo Client 4 (its HttpLink and persisted-queries link, unmodified) against the gateway.
 * docs/errors.md and docs/frontend.md describe what these tests hold.
 */
const DISTRICTS = readFileSync(path.join(REPO_ROOT, 'examples', 'guangzhou-districts.graphql'), 'utf8');
const TOO_COSTLY = '{ region(id:"440000") { children { parent { children { parent { children { name } } } } } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let stack: Stack;
let only: RunningServer; // TRUSTED_DOCUMENTS_ONLY=true, with a client-preset manifest
let tight: RunningServer; // two anonymous requests a minute
let dir: string;
beforeAll(async () => {
  stack = await startOwnersStack({ rateLimits: { agencyPerMinute: 600, anonymousPerMinute: 1000 } });
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-manifest-'));
  // As GraphQL Code Generator's client preset writes it (persistedDocuments, hashAlgorithm sha256).
  const document = print(gql(DISTRICTS));
  const manifest = path.join(dir, 'persisted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [`sha256:${sha256(document)}`]: document }, null, 2));
  const subgraphUrls = ownerUrlsOf(stack);
  only = await startGateway({ port: 0, subgraphUrls, auth: stack.keys.auth, trustedDocuments: [manifest], trustedDocumentsOnly: true });
  tight = await startGateway({ port: 0, subgraphUrls, auth: stack.keys.auth, rateLimits: { agencyPerMinute: 0, anonymousPerMinute: 2 } });
}, 300_000);
afterAll(async () => {
  await only?.stop();
  await tight?.stop();
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  body: Record<string, unknown>;
  status: number;
  contentType: string | null;
}

/** An Apollo Client as docs/frontend.md sets it up, recording what it sends and the answers' statuses. */
function client(uri: string, options: { persisted?: boolean; headers?: Record<string, string> } = {}) {
  const sent: Sent[] = [];
  const recording: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    sent.push({ body: JSON.parse(String(init?.body ?? '{}')), status: res.status, contentType: res.headers.get('content-type') });
    return res;
  };
  const http = new HttpLink({ uri, fetch: recording, headers: options.headers });
  const link = options.persisted ? ApolloLink.from([new PersistedQueryLink({ sha256 }), http]) : http;
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), sent };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the operation to fail');
    },
    (e: unknown) => e,
  );
}

describe('errors', () => {
  test('Apollo Client 4 sees the code of a refused operation as GraphQL errors (application/graphql-response+json, 4xx)', async () => {
    const { apollo, sent } = client(stack.gateway.url);
    const costly = await failure(apollo.query({ query: gql(TOO_COSTLY) }));
    expect(costly).toBeInstanceOf(CombinedGraphQLErrors);
    expect((costly as CombinedGraphQLErrors).errors).toEqual([
      {
        message:
          'The operation\'s estimated cost is 130101; the limit is 20000. Ask for fewer items (a smaller "first"), fewer nested lists or fewer fields. (MAX_COST)',
        extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { estimated: 130101, limit: 20000 } },
      },
    ]);
    const invalid = await failure(apollo.query({ query: gql('{ region(id: "440115") { population } }') }));
    expect((invalid as CombinedGraphQLErrors).errors[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(sent.map((s) => [s.status, s.contentType])).toEqual([
      [400, 'application/graphql-response+json; charset=utf-8'],
      [400, 'application/graphql-response+json; charset=utf-8'],
    ]);
  });

  test('answers made before GraphQL runs (a bad token, a rate limit) reach Apollo Client as GraphQL errors too', async () => {
    const badToken = client(stack.gateway.url, { headers: { authorization: 'Bearer not-a-token' } });
    const refused = await failure(badToken.apollo.query({ query: gql('{ region(id: "440115") { name } }') }));
    expect(refused).toBeInstanceOf(CombinedGraphQLErrors);
    expect((refused as CombinedGraphQLErrors).errors[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(badToken.sent[0].status).toBe(401);

    const limited = client(tight.url);
    for (let i = 0; i < 2; i++)
      await limited.apollo.query({ query: gql('{ region(id: "440115") { name } }'), fetchPolicy: 'network-only' });
    const over = await failure(limited.apollo.query({ query: gql('{ region(id: "440115") { name } }'), fetchPolicy: 'network-only' }));
    expect(over).toBeInstanceOf(CombinedGraphQLErrors);
    expect((over as CombinedGraphQLErrors).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.sent.map((s) => s.status)).toEqual([200, 200, 429]);
  });

  test('with Accept: application/json the statuses are the same, and the codes are in the network error’s body', async () => {
    const { apollo } = client(stack.gateway.url, { headers: { accept: 'application/json' } });
    const costly = await failure(apollo.query({ query: gql(TOO_COSTLY) }));
    expect(costly).toBeInstanceOf(ServerError);
    expect((costly as ServerError).statusCode).toBe(400);
    expect(JSON.parse((costly as ServerError).bodyText).errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });

  test('ratelimit-* headers are on every answer the limit counts: /graphql, /export, /schema.graphql, refusals included', async () => {
    const base = stack.gateway.url.replace(/\/graphql$/, '');
    const answers = await Promise.all([
      fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
      fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: TOO_COSTLY }),
      }),
      fetch(`${base}/export?query=${encodeURIComponent('{ region(id: "440115") { name } }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      }),
      fetch(`${base}/schema.graphql`),
      fetch(`${base}/nothing-here`),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 400, 200, 200, 404]);
    for (const r of answers) {
      expect(r.headers.get('ratelimit-limit')).toBe('1000');
      expect(Number(r.headers.get('ratelimit-remaining'))).toBeLessThan(1000);
    }
    // Not counted, so no headers: the probes.
    expect((await fetch(`${base}/_health`)).headers.get('ratelimit-limit')).toBeNull();
  });
});

describe('/schema.graphql', () => {
  test('serves the public schema with its version, and a 304 for the ETag a client has', async () => {
    const url = stack.gateway.url.replace(/\/graphql$/, '/schema.graphql');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe(readFileSync(path.join(REPO_ROOT, 'schema', 'api.graphql'), 'utf8'));
    const version = readFileSync(path.join(REPO_ROOT, 'schema', 'released', 'VERSION'), 'utf8').trim();
    const released = readFileSync(path.join(REPO_ROOT, 'schema', 'released', 'api.graphql'), 'utf8');
    const live = readFileSync(path.join(REPO_ROOT, 'schema', 'api.graphql'), 'utf8');
    expect(res.headers.get('x-schema-version')).toBe(live === released ? version : `${version}+unreleased`);
    const again = await fetch(url, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const post = await fetch(url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('persisted documents', () => {
  const expectDistricts = (data: unknown) => {
    const region = (data as { region: { name: string; children: { id: string; name: string }[] } }).region;
    expect(region.name).toBe('广州市');
    expect(region.children).toHaveLength(11);
    expect(region.children[0]).toMatchObject({ __typename: 'Region', id: '440103', name: '荔湾区' });
  };

  test('a default Apollo Client with the persisted-queries link hits a registered document: one request, by hash alone', async () => {
    const { apollo, sent } = client(stack.gateway.url, { persisted: true });
    const result = await apollo.query({ query: gql(DISTRICTS) });
    expectDistricts(result.data);
    expect(sent).toHaveLength(1);
    expect(sent[0].status).toBe(200);
    expect(sent[0].body.query).toBeUndefined();
    expect(sent[0].body.extensions).toEqual({
      persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      clientLibrary: { name: '@apollo/client', version: '4.3.8' },
    });
  });

  test('an unregistered document costs one miss (404), then runs in full', async () => {
    const { apollo, sent } = client(stack.gateway.url, { persisted: true });
    const result = await apollo.query({ query: gql('query OneDistrict { region(id: "440115") { name } }') });
    expect(result.data).toEqual({ region: { __typename: 'Region', name: '南沙区' } });
    expect(sent.map((s) => [s.status, typeof s.body.query])).toEqual([
      [404, 'undefined'],
      [200, 'string'],
    ]);
  });

  test('TRUSTED_DOCUMENTS_ONLY with a client-preset manifest (sha256: keys): registered documents run, others are QUERY_NOT_IN_SAFELIST', async () => {
    const { apollo, sent } = client(only.url, { persisted: true });
    expectDistricts((await apollo.query({ query: gql(DISTRICTS) })).data);
    expect(sent.map((s) => s.status)).toEqual([200]);
    const refused = await failure(apollo.query({ query: gql('query OneDistrict { region(id: "440115") { name } }') }));
    expect(refused).toBeInstanceOf(CombinedGraphQLErrors);
    expect((refused as CombinedGraphQLErrors).errors[0].extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
    expect(sent.map((s) => s.status)).toEqual([200, 404, 403]);
    // Without the link, the full query Apollo Client sends (with __typename) is recognised as registered.
    const plain = client(only.url);
    expectDistricts((await plain.apollo.query({ query: gql(DISTRICTS) })).data);
  });
});
