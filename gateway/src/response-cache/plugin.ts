import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse } from '@apollo/server';
import type { Caller, Logger, Metrics, RequestInfo } from '@hsg/core';
import { print, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { documentBytes } from '../document-bytes';
import { PREPARED_DOCUMENTS_BYTES } from '../memory-budget';
import { prepareDocument, stripKeys, type PreparedDocument } from './document';
import { FOLLOWER_LISTS, mutationTags } from './invalidation';
import type { CacheStore } from './store';

export interface ResponseCacheOptions {
  store: CacheStore;
  /** Longest life of an entry: bounds staleness after a write that did not go through a gateway. */
  ttlMs: number;
  /** Larger responses are answered but not stored. */
  maxEntryBytes: number;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Who shares entries: every anonymous caller alike; an agency only with tokens of the same agency
 * and the same claims (reads do not depend on scopes today, but an entry never crosses a line a
 * future resolver might draw). The token was verified before the cache is asked.
 */
function identityClass(caller: Caller): string {
  if (caller.kind === 'anonymous') return 'anonymous';
  return `agency:${caller.agency}:${[...caller.scopes].sort().join(' ')}:${[...caller.regions].sort().join(' ')}`;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` variables share an entry. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

interface Prepared extends PreparedDocument {
  /** The digest of the client's document, printed: the same query however it was spaced shares one entry. */
  digest: string;
  /** It reads what the search subgraph derives from the change feeds (see FOLLOWER_LISTS). */
  follower: boolean;
  /**
   * Heap it holds: the keyed document copies every node on the way to a selection set and keeps
   * the client's query text through their locations, so twice what the client's document holds.
   */
  bytes: number;
}

type Mode = 'hit' | 'miss' | 'mutation' | 'bypass' | 'unavailable';

/**
 * The gateway's response cache, as an Apollo Server plugin (after @envelop/response-cache, which
 * is built for envelop): whole results keyed by the printed document, the variables, the
 * operation name and the caller's identity class; tagged with every entity they contain and the
 * types and lists they read; dropped by the mutations that change any of them, before the
 * mutation's response is sent. Errors and partial results are never stored, nor is anything but
 * a query. Protections (trusted documents, cost, rate limits) run before it, on hits too.
 */
export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<RequestInfo> {
  const { store, metrics, logger } = options;
  // Bounded in bytes: one caller's document can be a thousand times another's (900 KB each held 2000 of them, ~5.6 GB).
  const documents = new LRUCache<string, Prepared>({ maxSize: PREPARED_DOCUMENTS_BYTES, sizeCalculation: (prepared) => prepared.bytes });
  const prepare = (hash: string, document: DocumentNode, context: GraphQLRequestContext<RequestInfo>): Prepared => {
    let prepared = documents.get(hash);
    if (!prepared) {
      const keyed = prepareDocument(document, context.schema);
      prepared = {
        ...keyed,
        digest: sha256(print(document)),
        follower: keyed.tags.some((tag) => FOLLOWER_LISTS.includes(tag)),
        bytes: Math.max(1, 2 * documentBytes(document)),
      };
      documents.set(hash, prepared);
    }
    return prepared;
  };
  const failed = (call: string, error: unknown, { requestId }: RequestInfo) => {
    metrics.responseCacheErrors.inc({ call });
    logger.warn(
      { requestId, call, store: store.kind, err: (error as Error).message },
      'response cache store call failed; answering uncached',
    );
  };

  return {
    async requestDidStart() {
      let mode: Mode = 'bypass';
      let key = '';
      let generation = '';
      let prepared: Prepared | undefined;
      let original: { document: DocumentNode; queryHash: string } | undefined;
      let etag: string | undefined;
      let shared = true;

      return {
        async responseForOperation(context): Promise<GraphQLResponse | null> {
          const { operation, document, queryHash, contextValue } = context;
          // Only HTTP requests: the bulk export's pages (executeOperation, no http) are each read once, and would only fill the cache.
          if (!operation || !queryHash || !contextValue?.caller || !context.request.http) return null;
          if (operation.operation !== 'query' && operation.operation !== 'mutation') return null;
          prepared = prepare(queryHash, document, context);
          original = { document, queryHash };
          // The gateway plans by queryHash: the keyed document gets its own plans.
          Object.assign(context, { document: prepared.document, queryHash: `${queryHash}:cache-keys` });
          if (operation.operation === 'mutation') {
            mode = 'mutation';
            return null;
          }
          if (prepared.follower) return null;
          shared = contextValue.caller.kind === 'anonymous';
          const { request } = context;
          key = sha256(
            [identityClass(contextValue.caller), request.operationName ?? '', stableJson(request.variables ?? {}), prepared.digest].join(
              '\u0000',
            ),
          );
          let lookup;
          try {
            lookup = await store.get(key);
          } catch (e) {
            failed('get', e, contextValue);
            mode = 'unavailable';
            return null;
          }
          generation = lookup.generation;
          if (lookup.value === null) {
            mode = 'miss';
            return null;
          }
          mode = 'hit';
          const newline = lookup.value.indexOf('\n');
          etag = lookup.value.slice(0, newline);
          return {
            http: { headers: new HeaderMap(), status: undefined },
            body: { kind: 'single', singleResult: { data: JSON.parse(lookup.value.slice(newline + 1)) } },
          };
        },

        async willSendResponse(context) {
          if (original) Object.assign(context, original);
          const { response } = context;
          const headers = response.http.headers;
          metrics.responseCache.inc({ result: mode === 'mutation' ? 'bypass' : mode });
          if (response.body.kind !== 'single') {
            headers.set('x-cache', 'bypass');
            return;
          }
          const result = response.body.singleResult;
          // A hit was stored without the keys; anything computed here carries them.
          const entities = prepared && mode !== 'hit' ? stripKeys(result.data) : new Set<string>();

          if (mode === 'mutation') {
            headers.set('cache-control', 'no-store');
            headers.set('x-cache', 'bypass');
            // Before the response leaves: once a client is told the write succeeded, no replica serves what it replaced.
            try {
              await store.invalidate(mutationTags(context.schema, context.operation!, entities));
            } catch (e) {
              failed('invalidate', e, context.contextValue);
            }
            return;
          }
          if (mode === 'miss' && !result.errors?.length && result.data && (response.http.status ?? 200) === 200) {
            const data = JSON.stringify(result.data);
            if (data.length <= options.maxEntryBytes) {
              etag = `"${sha256(data).slice(0, 27)}"`;
              try {
                await store.set(key, `${etag}\n${data}`, [...prepared!.tags, ...entities], options.ttlMs, generation);
              } catch (e) {
                failed('set', e, context.contextValue);
              }
            }
          }
          if ((mode === 'hit' || mode === 'miss') && etag) {
            // Entries change whenever a write lands, so a client or proxy revalidates every time (cheap: a 304).
            headers.set('cache-control', `${shared ? 'public' : 'private'}, max-age=0, must-revalidate`);
            headers.set('etag', etag);
            headers.set('vary', 'authorization');
            const sent = context.request.http?.headers.get('if-none-match');
            if (sent?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) response.http.status = 304;
          } else if (mode !== 'bypass') headers.set('cache-control', 'no-store');
          headers.set('x-cache', mode === 'hit' || mode === 'miss' || mode === 'unavailable' ? mode : 'bypass');
        },
      };
    },
  };
}
