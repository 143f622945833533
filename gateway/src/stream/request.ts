import type { IncomingMessage } from 'node:http';
import { nestsDeeperThan, readBody, tooDeepMessage, type OperationLimits } from '@hsg/core';
import {
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The longest cursor taken: a feed cursor is about 30 characters. */
export const MAX_CURSOR_CHARS = 200;
/** The most entries of `types`: the graph has a dozen entity types. */
export const MAX_STREAM_TYPES = 50;

/** A request the stream refuses before it opens: an HTTP status and a GraphQL-shaped error. */
export class StreamRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** One subscription to the change feed, as the client asked for it. */
export interface StreamRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The subscription's one root field, `changes`. */
  field: FieldNode;
  variables: Record<string, unknown>;
  /** Where to start: the Last-Event-ID header, else `after`; null starts at the latest change. */
  after: string | null;
  types: string[] | null;
}

const bad = (message: string, extensions: Record<string, unknown> = {}) => new StreamRefusal(400, 'BAD_REQUEST', message, extensions);
const badInput = (message: string, field: string) => new StreamRefusal(400, 'BAD_USER_INPUT', message, { field });

/** Whether Accept names text/event-stream (the protocol's distinct connections mode; EventSource sends exactly it). */
function acceptsEventStream(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (typeof accept !== 'string' || accept.length > 1000) return false;
  return accept
    .toLowerCase()
    .split(',')
    .some((part) => {
      const [type, ...params] = part.split(';').map((p) => p.trim());
      return type === 'text/event-stream' && !params.some((p) => /^q=0(\.0*)?$/.test(p));
    });
}

/** The GraphQL request of a GET (URL parameters, as EventSource sends it) or a JSON POST (as graphql-sse's client sends it). */
async function paramsOf(req: IncomingMessage, url: URL, maxBodyBytes: number): Promise<Record<string, unknown>> {
  if (req.method === 'GET') {
    const params: Record<string, unknown> = {};
    for (const key of ['query', 'operationName', 'variables', 'extensions']) {
      const values = url.searchParams.getAll(key);
      if (values.length > 1) throw bad(`"${key}" is given ${values.length} times; give it once.`);
      if (values.length === 0) continue;
      if (key === 'variables' || key === 'extensions') {
        try {
          params[key] = JSON.parse(values[0]);
        } catch {
          throw bad(`"${key}" is not JSON.`);
        }
      } else params[key] = values[0];
    }
    return params;
  }
  if (!(req.headers['content-type'] ?? '').includes('application/json'))
    throw new StreamRefusal(
      415,
      'BAD_REQUEST',
      'Send the subscription as JSON (content-type: application/json), or as a GET with URL parameters.',
    );
  const raw = await readBody(req, maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw bad('The request body is not valid JSON. Send {"query": "subscription { changes { cursor node { … } } }", "variables": {…}}.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw bad('The request body must be one JSON object: {"query": "…", "variables": {…}}. A stream runs one subscription.');
  return body as Record<string, unknown>;
}

/**
 * Reads and checks a stream request, before any slot is taken or anything runs: the method, Accept,
 * the protocol's mode, the size and shape of the request, and that the document is one
 * subscription to `changes`, valid against the graph's schema. Each refusal is a StreamRefusal.
 */
export async function streamRequest(
  req: IncomingMessage,
  url: URL,
  schema: GraphQLSchema,
  limits: OperationLimits,
): Promise<StreamRequest> {
  if (req.method !== 'GET' && req.method !== 'POST')
    throw new StreamRefusal(405, 'BAD_REQUEST', `Use GET or POST for the stream, not ${req.method}.`);
  if (!acceptsEventStream(req))
    throw new StreamRefusal(
      406,
      'BAD_REQUEST',
      'The stream answers with Server-Sent Events: send Accept: text/event-stream. Queries and mutations go to POST /graphql.',
    );
  if (req.headers['x-graphql-event-stream-token'] !== undefined)
    throw bad('Only the distinct connections mode of GraphQL over SSE is served: one subscription per request, with no stream token.');
  const params = await paramsOf(req, url, limits.maxBodyBytes);
  if (nestsDeeperThan(params)) throw bad(tooDeepMessage('The request'));
  const { query, variables = {}, operationName } = params;
  if (typeof query !== 'string' || query.length === 0)
    throw bad('No query: send "query": "subscription { changes { cursor node { id typeName recordId } } }".');
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw bad('"variables" must be a JSON object.');
  if (operationName != null && typeof operationName !== 'string') throw bad('"operationName" must be a string.');

  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (e) {
    const limit = /contains more than \d+ tokens/.test((e as Error).message) ? { limit: 'MAX_QUERY_TOKENS' } : {};
    throw new StreamRefusal(400, 'GRAPHQL_PARSE_FAILED', (e as GraphQLError).message, limit);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1)
    throw new StreamRefusal(
      400,
      'OPERATION_RESOLUTION_FAILURE',
      `A stream runs one subscription; the document has ${operations.length} operations. Send one per stream.`,
    );
  const [operation] = operations;
  if (operationName != null && operation.name?.value !== operationName)
    throw new StreamRefusal(400, 'OPERATION_RESOLUTION_FAILURE', `The document has no operation named "${operationName.slice(0, 80)}".`);
  if (operation.operation !== 'subscription')
    throw new StreamRefusal(
      400,
      'GRAPHQL_VALIDATION_FAILED',
      `The stream runs subscriptions; send a ${operation.operation} to POST /graphql. (OPERATION_TYPE)`,
      { limit: 'OPERATION_TYPE' },
    );
  const errors = validate(schema, document, specifiedRules, { maxErrors: 10 });
  if (errors.length) throw new StreamRefusal(400, 'GRAPHQL_VALIDATION_FAILED', errors.map((e) => e.message).join(' '));
  // A valid subscription selects exactly one root field, and `changes` is the only one there is.
  const [field] = operation.selectionSet.selections;
  if (field.kind !== Kind.FIELD || field.directives?.length)
    throw bad('Select `changes` itself at the root of the subscription, without a fragment or a directive around it.');

  const argument = (name: string) => {
    const node = field.arguments?.find((a) => a.name.value === name)?.value;
    return node ? valueFromASTUntyped(node, variables as Record<string, unknown>) : null;
  };
  const lastEventId = req.headers['last-event-id'];
  const after = (typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : argument('after')) as string | null;
  if (after != null && (typeof after !== 'string' || after.length > MAX_CURSOR_CHARS))
    throw badInput(
      `"after" (or Last-Event-ID) must be a cursor of at most ${MAX_CURSOR_CHARS} characters: an event's id or cursor, or an endCursor of changes.`,
      'after',
    );
  const types = argument('types') as string[] | null;
  if (types != null && (!Array.isArray(types) || types.length > MAX_STREAM_TYPES))
    throw badInput(`"types" takes at most ${MAX_STREAM_TYPES} type names.`, 'types');
  return { document, operation, field, variables: variables as Record<string, unknown>, after, types };
}
