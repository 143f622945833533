import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';

/** Codes a client can act on. Anything else reaching a client is masked as INTERNAL_SERVER_ERROR. */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'QUERY_NOT_IN_SAFELIST',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'COST_LIMIT_EXCEEDED',
  'SUBGRAPH_UNAVAILABLE',
  'DEADLINE_EXCEEDED',
  'CSRF_PREVENTED',
  'BATCHING_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
]);

/**
 * Apollo Server refuses a possible cross-site request and a batch with BAD_REQUEST and nothing
 * else to tell them apart; a client needs to (one is fixed by a header, the other by sending one
 * operation per request). Its messages are the only mark, pinned by tests against the pinned
 * @apollo/server.
 */
const APOLLO_REFUSALS: [prefix: string, code: string][] = [
  ['This operation has been blocked as a potential Cross-Site Request Forgery', 'CSRF_PREVENTED'],
  ['Operation batching disabled.', 'BATCHING_NOT_SUPPORTED'],
];

/** The code of an error Apollo Server raised itself, sharpened where BAD_REQUEST hides which refusal it is. */
function sharpened(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'BAD_REQUEST') return formatted;
  const refusal = APOLLO_REFUSALS.find(([prefix]) => formatted.message.startsWith(prefix));
  return refusal ? { ...formatted, extensions: { ...formatted.extensions, code: refusal[1] } } : formatted;
}

export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

/** A write that would overwrite a newer version, or create what exists: nothing was changed. */
export function conflict(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...extensions } });
}

export function notFound(typeName: string, id: string): GraphQLError {
  return new GraphQLError(`No ${typeName} has id "${id}".`, { extensions: { code: 'NOT_FOUND', typeName, id } });
}

/**
 * The request each error of a GraphQL response belongs to. Apollo's `formatError` is not given
 * the request; serve()'s plugin notes every error here as Apollo reports it (didEncounterErrors,
 * which Apollo calls with the very errors it formats next).
 */
const requestOfError = new WeakMap<object, string>();

export function noteRequestOfErrors(errors: readonly unknown[], requestId: string): void {
  for (const error of errors) if (typeof error === 'object' && error !== null) requestOfError.set(error, requestId);
}

/**
 * Apollo Server `formatError`: errors with a client code pass through; everything else is logged
 * with an id and replaced by a message carrying only that id and the request's, so internals
 * never leak and a person can quote either to find the log lines.
 */
export function maskingFormatError(logger: Logger) {
  return (original: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = sharpened(original);
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
    const errorId = randomUUID();
    const requestId = typeof error === 'object' && error !== null ? requestOfError.get(error) : undefined;
    logger.error({ errorId, ...(requestId ? { requestId } : {}), err: error, path: formatted.path }, 'unexpected error');
    return {
      message: `Internal server error (id ${errorId}${requestId ? `, request ${requestId}` : ''}). The error has been logged; quote the id when reporting it.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId, ...(requestId ? { requestId } : {}) },
    };
  };
}
