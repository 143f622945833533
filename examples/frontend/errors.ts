import { CombinedGraphQLErrors, ServerError, type ApolloClient, type DocumentNode } from '@apollo/client';

/** Runs a query; a refusal comes back as its codes (and how long to wait), for the app to act on. */
export async function queryOrCodes(client: ApolloClient, query: DocumentNode) {
  try {
    return { data: (await client.query({ query })).data };
  } catch (error) {
    if (CombinedGraphQLErrors.is(error)) {
      // Refusals (4xx) and field errors: error.errors[i].extensions.code, e.g.
      // COST_LIMIT_EXCEEDED, RATE_LIMITED (extensions.retryAfter), UNAUTHENTICATED, CONFLICT.
      return { codes: error.errors.map((e) => e.extensions?.code), retryAfter: error.errors[0].extensions?.retryAfter };
    }
    if (ServerError.is(error)) {
      // Only when the request asked for application/json alone: the body is in error.bodyText.
      return { status: error.statusCode, body: error.bodyText };
    }
    throw error;
  }
}
