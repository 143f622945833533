import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, BaseContext, PersistedQueryOptions } from '@apollo/server';
import { REPO_ROOT, type Caller, type RequestInfo } from '@hsg/core';
import { GraphQLError, parse, print, type DocumentNode } from 'graphql';
import { withTypenames } from './typename-variant';

/** The manifest `npm run codegen` writes for examples/; registered unless TRUSTED_DOCUMENTS says otherwise. */
export const EXAMPLES_MANIFEST = path.join(REPO_ROOT, 'examples', 'trusted-documents.json');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** An id as quoted back in a message: at most as long as a real one ("sha256:" and 64 digits), so a 900 KB one does not come back whole. */
const shownId = (id: string) => (id.length > 71 ? `${id.slice(0, 71)}…` : id);

/** Whether a caller may run only registered documents: everyone when TRUSTED_DOCUMENTS_ONLY is on, else agencies whose token demands it. */
export const requiresTrustedDocuments = (onlyTrusted: boolean) => (caller: Caller) =>
  onlyTrusted || (caller.kind === 'agency' && caller.trustedDocumentsOnly === true);

/**
 * The registered (trusted) documents: every entry of every manifest, by the manifest's sha256 id,
 * and by the hash of the document as graphql-js prints it, so a full query that differs from a
 * registered one only in layout or comments is recognised as registered.
 */
export class TrustedDocuments {
  private readonly byId = new Map<string, string>();
  private readonly printed = new Set<string>();
  private readonly registered = new Set<string>();
  private readonly checked = new WeakMap<DocumentNode, boolean>();

  /**
   * Reads manifests ({ "<sha256 hex>" or "sha256:<hex>" (GraphQL Code Generator's client preset):
   * document }); a bad file or entry stops the start with a message naming it.
   */
  static load(files: string[]): TrustedDocuments {
    const registry = new TrustedDocuments();
    for (const file of files) {
      let manifest: unknown;
      try {
        manifest = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`TRUSTED_DOCUMENTS: cannot read ${file} as JSON: ${(e as Error).message}`, { cause: e });
      }
      if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
        throw new Error(`TRUSTED_DOCUMENTS: ${file} must be a JSON object of { "<sha256 hex>": "<document>" }.`);
      }
      for (const [key, document] of Object.entries(manifest as Record<string, unknown>)) {
        const id = key.replace(/^sha256:/, '');
        if (typeof document !== 'string') throw new Error(`TRUSTED_DOCUMENTS: ${file}: the entry ${key} is not a document string.`);
        if (!SHA256_HEX.test(id) || sha256(document) !== id) {
          throw new Error(
            `TRUSTED_DOCUMENTS: ${file}: "${id}" is not the sha256 of its document (expected ${sha256(document)}); generate the manifest with hashAlgorithm "sha256".`,
          );
        }
        try {
          registry.add(document);
        } catch (e) {
          throw new Error(`TRUSTED_DOCUMENTS: ${file}: the document ${id} does not parse: ${(e as Error).message}`, { cause: e });
        }
      }
    }
    return registry;
  }

  /**
   * Registers one document (the gateway's own, e.g. the bulk export's queries), and beside it the
   * form Apollo Client sends (`__typename` added, ./typename-variant.ts); returns its id.
   */
  add(document: string): string {
    const id = sha256(document);
    const parsed = parse(document);
    this.byId.set(id, document);
    this.registered.add(id);
    this.printed.add(sha256(print(parsed)));
    const apollo = withTypenames(parsed);
    this.byId.set(sha256(apollo), apollo);
    this.printed.add(sha256(apollo));
    return id;
  }

  /** Documents registered (each counted once, not with its Apollo Client form). */
  get size(): number {
    return this.registered.size;
  }

  get(id: string): string | undefined {
    return this.byId.get(id);
  }

  /** Whether a parsed operation is one of the registered documents (layout and comments aside). */
  has(document: DocumentNode): boolean {
    // Apollo hands the same parsed document for the same query text, so each is printed once.
    let known = this.checked.get(document);
    if (known === undefined) this.checked.set(document, (known = this.printed.has(sha256(print(document)))));
    return known;
  }

  /**
   * Apollo Server's persisted-query store, backed by the registry: Apollo resolves an id to its
   * document (or answers PERSISTED_QUERY_NOT_FOUND). Writes are dropped: a trusted list is made
   * when an app is built, never by the traffic it receives.
   */
  asPersistedQueries(): PersistedQueryOptions {
    return {
      ttl: null,
      cache: {
        get: async (key: string) => this.byId.get(key.replace(/^apq:/, '')),
        set: async () => {},
        delete: async () => true,
      },
    };
  }
}

/** `documentId` (GraphQL over HTTP persisted documents, as Hive and Yoga send it), from a POST body or a GET URL. */
function documentIdOf(http: { method: string; body: unknown; search: string } | undefined): unknown {
  if (!http) return undefined;
  const fromBody = http.body && typeof http.body === 'object' ? (http.body as Record<string, unknown>).documentId : undefined;
  return fromBody ?? new URLSearchParams(http.search).get('documentId') ?? undefined;
}

/**
 * The gateway's trusted-documents plugin. A request may name a registered document instead of
 * sending it: `documentId` ("sha256:<hex>" or "<hex>") or Apollo's
 * `extensions.persistedQuery.sha256Hash`. An unknown id is PERSISTED_QUERY_NOT_FOUND (HTTP 404,
 * which Apollo's persisted-query link answers by resending the full query). Where `requires(caller)`
 * holds, a full query runs only if it is a registered document; anything else is
 * QUERY_NOT_IN_SAFELIST (HTTP 403).
 */
export function trustedDocumentsPlugin(registry: TrustedDocuments, requires: (caller: Caller) => boolean): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const documentId = documentIdOf(request.http);
      if (documentId !== undefined && !request.extensions?.persistedQuery) {
        const hash = String(documentId).replace(/^sha256:/, '');
        request.extensions = { ...request.extensions, persistedQuery: { version: 1, sha256Hash: hash } };
      }
      const askedFor = request.extensions?.persistedQuery?.sha256Hash as unknown;
      // Apollo refuses another version with an error that carries no code (and so would be
      // masked as internal); it is looked up as version 1 instead and answered in willSendResponse.
      const version = request.extensions?.persistedQuery?.version as unknown;
      if (request.query === undefined && request.extensions?.persistedQuery && version !== 1) {
        request.extensions = { ...request.extensions, persistedQuery: { version: 1, sha256Hash: '' } };
      }
      // A full query with its hash: Apollo would check the hash and "register" the query (the
      // store drops it). The check is made here instead, so a mismatch is refused with a code.
      let mismatch: GraphQLError | undefined;
      if (request.query !== undefined && request.extensions?.persistedQuery) {
        const { persistedQuery: _, ...rest } = request.extensions;
        request.extensions = rest;
        if (askedFor !== sha256(request.query)) {
          mismatch = new GraphQLError(
            `extensions.persistedQuery.sha256Hash ("${shownId(String(askedFor))}") is not the sha256 of the query sent with it. Send the query's own hash, or only the id of a registered document.`,
            { extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } } },
          );
        }
      }
      return {
        async didResolveOperation({ contextValue, document, metrics }) {
          if (mismatch) throw mismatch;
          const caller = (contextValue as Partial<RequestInfo>).caller ?? { kind: 'anonymous' };
          if (!requires(caller) || metrics.persistedQueryHit || registry.has(document)) return;
          throw new GraphQLError(
            'This gateway runs only registered (trusted) documents for this caller, and this query is not one of them. ' +
              'Send the id of a registered document ("documentId" or extensions.persistedQuery.sha256Hash), or add the query to your app’s trusted-documents manifest and have it registered.',
            { extensions: { code: 'QUERY_NOT_IN_SAFELIST', http: { status: 403 } } },
          );
        },
        async willSendResponse({ response }) {
          // Apollo's own message is the bare code; say which id and what to do about it.
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          const notFound = errors?.find((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');
          if (!errors || !notFound) return;
          if (version !== 1) {
            response.body.singleResult.errors = [
              {
                message: `extensions.persistedQuery.version must be 1; got ${JSON.stringify(version) ?? 'none'}.`,
                extensions: { code: 'BAD_REQUEST' },
              },
            ];
            response.http.status = 400;
            return;
          }
          const id = String(askedFor ?? '');
          const shape = SHA256_HEX.test(id) ? '' : ' (an id is the sha256 of the document: 64 hex digits, optionally prefixed "sha256:")';
          response.body.singleResult.errors = errors.map((e) =>
            e === notFound
              ? {
                  ...e,
                  message: `No registered document has the id "${shownId(id)}"${shape}. Send the full query, or use an id from a trusted-documents manifest this gateway registers (TRUSTED_DOCUMENTS).`,
                }
              : e,
          );
          response.http.status = 404;
        },
      };
    },
  };
}
