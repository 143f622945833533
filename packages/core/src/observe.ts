import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Metrics } from './metrics';
import { noteRequestOfErrors } from './errors';
import { phaseSpan } from './tracing';

/** GraphQL requests slower than this are logged at warn (SLOW_REQUEST_MS). */
export const DEFAULT_SLOW_REQUEST_MS = 1000;

/** What the GraphQL layer learnt about one HTTP request, for serve()'s request log line and metrics. */
export interface Observed {
  requestId: string;
  /** The operation's name as the document gives it; null when anonymous or not resolved. */
  operation: string | null;
  outcome: 'ok' | 'error' | 'rejected';
  /** The gateway's query plan, formatted when a slow request's line needs it. */
  queryPlan?: () => string;
}

/**
 * Leads from the context Apollo hands its plugins back to the request serve() is answering. A
 * property, not a WeakMap entry: Apollo gives each operation a shallow copy of the context.
 */
const OBSERVED = Symbol('observed');

export function observeContext<C extends object>(context: C, observed: Observed): C {
  (context as { [OBSERVED]?: Observed })[OBSERVED] = observed;
  return context;
}

/** What serve() is observing of the request whose context this is (the gateway adds its plan). */
export function observedOf(context: object): Observed | undefined {
  return (context as { [OBSERVED]?: Observed })[OBSERVED];
}

/** The limit a refusal names: the limit rules' `extensions.limit`, the cost check's code, the parser's token limit. */
function limitOf(error: GraphQLFormattedError): string | undefined {
  const { limit, code } = error.extensions ?? {};
  if (typeof limit === 'string') return limit;
  if (code === 'COST_LIMIT_EXCEEDED') return 'MAX_COST';
  if (code === 'GRAPHQL_PARSE_FAILED' && /contains more than \d+ tokens/.test(error.message)) return 'MAX_QUERY_TOKENS';
  return undefined;
}

/**
 * Counts errors by the code the client is sent (after masking) and refusals by limit, tells
 * serve() the operation's name and outcome, tells error masking which request its errors are
 * (noteRequestOfErrors), and traces Apollo Server's parse and validate phases (graphql.parse,
 * graphql.validate; a document Apollo has parsed before is not parsed again). serve() adds it to
 * every Apollo Server it starts.
 */
export function observabilityPlugin<C extends BaseContext>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async parsingDidStart() {
          const end = phaseSpan('graphql.parse');
          return end && (async (error) => end(error));
        },
        async validationDidStart() {
          const end = phaseSpan('graphql.validate');
          return end && (async (errors) => end(errors?.[0]));
        },
        async didEncounterErrors({ errors }) {
          const observed = observedOf(contextValue);
          if (observed) noteRequestOfErrors(errors, observed.requestId);
        },
        async willSendResponse({ response, operation }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const errors = result.errors ?? [];
          const limits = new Set<string>();
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.errors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
            const limit = limitOf(error);
            if (limit) limits.add(limit);
          }
          // One refused operation counts once per limit, however many errors the rule reported.
          for (const limit of limits) metrics.rejected.inc({ limit });
          const observed = observedOf(contextValue);
          if (!observed) return;
          observed.operation = operation?.name?.value ?? null;
          observed.outcome = errors.length === 0 ? 'ok' : 'data' in result ? 'error' : 'rejected';
        },
      };
    },
  };
}
