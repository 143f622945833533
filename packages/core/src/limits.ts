import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * The parser and operation limits the gateway and every subgraph apply before anything runs. One
 * set, so a subgraph reached directly on loopback refuses what the gateway refuses. Each is an
 * environment variable (packages/core/src/environment.ts); the defaults are GraphQL Armor's
 * published ones where the examples fit them, and close to Apollo Router's elsewhere.
 */
export interface OperationLimits {
  /** Deepest field nesting (fragments flattened); MAX_QUERY_DEPTH. */
  maxDepth: number;
  /** Lexical tokens in the query text (graphql-js's own parser limit); MAX_QUERY_TOKENS. */
  maxTokens: number;
  /** Aliased fields in one operation; MAX_ALIASES. */
  maxAliases: number;
  /** Fields at the root of one operation (aliases of one field count apart); MAX_ROOT_FIELDS. */
  maxRootFields: number;
  /** Directive uses in one operation; MAX_DIRECTIVES. */
  maxDirectives: number;
  /** Request body in bytes; MAX_BODY_BYTES. */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxTokens: 1000,
  maxAliases: 15,
  maxRootFields: 20,
  maxDirectives: 50,
  maxBodyBytes: 1_000_000,
};

/** Largest `_entities` batch a subgraph resolves in one request; MAX_ENTITY_REPRESENTATIONS. */
export const DEFAULT_MAX_ENTITY_REPRESENTATIONS = 1000;

/**
 * What a subgraph allows: the gateway's limits with room for what its query planner adds to the
 * client's operation (the `_entities` level, `__typename` and key fields, inline fragments).
 */
export function subgraphLimits(limits: OperationLimits): OperationLimits {
  return { ...limits, maxDepth: limits.maxDepth + 1, maxTokens: limits.maxTokens * 2, maxAliases: limits.maxAliases * 2 };
}

/** A limit error: GraphQL Armor's finding, without its misleading "Syntax Error:" prefix, and which variable sets it. */
function limitError(variable: string, advice: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(
      new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} ${advice} (${variable})`, { extensions: { limit: variable } }),
    );
  };
}

/**
 * Refuses operations with more root fields than `max`, counted as execution merges them: by
 * response key (an alias counts apart), however many times a fragment repeats them. Each fragment
 * is walked once (memoised), so a fragment fan-out costs linear time.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const memo = new Map<string, Set<string>>();
    const keys = (set: SelectionSetNode, into: Set<string>, inProgress: Set<string>): Set<string> => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value !== '__typename') into.add(sel.alias?.value ?? sel.name.value);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) keys(sel.selectionSet, into, inProgress);
        else {
          const name = sel.name.value;
          let found = memo.get(name);
          if (!found && !inProgress.has(name)) {
            const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
            if (!fragment) continue;
            inProgress.add(name);
            found = keys(fragment.selectionSet, new Set(), inProgress);
            inProgress.delete(name);
            memo.set(name, found);
          }
          for (const k of found ?? []) into.add(k);
        }
      }
      return into;
    };
    return {
      OperationDefinition(node) {
        const n = keys(node.selectionSet, new Set(), new Set()).size;
        if (n > max) {
          context.reportError(
            new GraphQLError(
              `The operation asks for ${n} root fields; the limit is ${max}. Split it into several requests. (MAX_ROOT_FIELDS)`,
              { nodes: [node], extensions: { limit: 'MAX_ROOT_FIELDS' } },
            ),
          );
        }
      },
    };
  };
}

/** Where the gateway serves subscriptions (GraphQL over Server-Sent Events; gateway/src/stream/). */
export const STREAM_PATH = '/graphql/stream';

/**
 * A mutation or subscription on a graph without that root type is a client mistake (400), not a
 * failure of execution (graphql-js 16 only notices it while executing, and the gateway answers 500).
 * A subscription is refused the same way where the graph has them: /graphql answers one request
 * with one result, and Apollo Gateway executes no subscription (it fails it as a 500); the
 * gateway's stream endpoint serves them.
 */
export const supportedOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === 'mutation'
        ? schema.getMutationType()
        : node.operation === 'subscription'
          ? schema.getSubscriptionType()
          : schema.getQueryType();
    const message = !root
      ? `This graph is read-only and has no ${node.operation}s. Send a query instead.`
      : node.operation === 'subscription'
        ? `Subscriptions are not run at /graphql, which answers each request once. Subscribe at the gateway's ${STREAM_PATH} (GraphQL over Server-Sent Events, with Accept: text/event-stream).`
        : null;
    if (message) context.reportError(new GraphQLError(message, { nodes: [node], extensions: { limit: 'OPERATION_TYPE' } }));
  },
});

export function limitValidationRules(limits: OperationLimits): ValidationRule[] {
  const reject = { propagateOnRejection: false, exposeLimits: true };
  return [
    supportedOperationTypesRule,
    maxDepthRule({
      ...reject,
      n: limits.maxDepth,
      flattenFragments: true,
      onReject: [limitError('MAX_QUERY_DEPTH', 'Split it into several queries.')],
    }) as ValidationRule,
    maxAliasesRule({
      ...reject,
      n: limits.maxAliases,
      onReject: [limitError('MAX_ALIASES', 'Ask for fewer aliased fields per request.')],
    }) as ValidationRule,
    maxDirectivesRule({
      ...reject,
      n: limits.maxDirectives,
      onReject: [limitError('MAX_DIRECTIVES', 'Use fewer directives per request.')],
    }) as ValidationRule,
    maxRootFieldsRule(limits.maxRootFields),
  ];
}

/** graphql-js stops lexing after `maxTokens`, so an oversized query costs no more than the limit to refuse. */
export function limitParseOptions(limits: OperationLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Raised before execution; Apollo Server answers with this status and code. */
export function requestError(message: string, code: string, status = 400, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status }, ...extensions } });
}

/**
 * An unknown `operationName`, or several operations without one, is a 400 that lists the
 * operations the document holds. (Apollo Gateway otherwise fails it during execution, as a 500.)
 */
export function operationResolution<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
          const listed = names.map((n) => `"${clip(n)}"`).join(', ');
          const message = request.operationName
            ? `The document has no operation named "${clip(request.operationName)}"; it has ${listed || 'none'}.`
            : `The document has ${names.length} operations (${listed}); say which to run with "operationName".`;
          throw requestError(message, 'OPERATION_RESOLUTION_FAILURE');
        },
      };
    },
  };
}

/**
 * Caps the representations one `_entities` request may ask a subgraph to resolve. The gateway
 * batches per fetch; a client talking to a subgraph directly could otherwise send tens of
 * thousands in one request.
 */
export function entityBatchLimitPlugin<C extends BaseContext>(max: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          let total = 0;
          for (const sel of operation?.selectionSet.selections ?? []) {
            if (sel.kind !== Kind.FIELD || sel.name.value !== '_entities') continue;
            const arg = sel.arguments?.find((a) => a.name.value === 'representations')?.value;
            if (arg?.kind === Kind.LIST) total += arg.values.length;
            else if (arg?.kind === Kind.VARIABLE) {
              const value = request.variables?.[arg.name.value];
              if (Array.isArray(value)) total += value.length;
            }
          }
          if (total > max) {
            throw requestError(
              `The request asks for ${total} entity representations; this subgraph resolves at most ${max} per request. Split it. (MAX_ENTITY_REPRESENTATIONS)`,
              'BAD_REQUEST',
              400,
              { limit: 'MAX_ENTITY_REPRESENTATIONS' },
            );
          }
        },
      };
    },
  };
}

/** What an Apollo Server needs to apply the limits: spread into its constructor options. */
export function apolloLimits<C extends BaseContext>(limits: OperationLimits) {
  return {
    parseOptions: limitParseOptions(limits),
    validationRules: limitValidationRules(limits),
    plugins: [operationResolution<C>()],
  };
}

/** How long a subgraph's database work may take once it serves (STATEMENT_TIMEOUT_MS, WRITE_TIMEOUT_MS). */
export interface Deadlines {
  /** Each statement: stopped past it (PostgreSQL's statement_timeout; SQLite's interrupt). */
  statementMs: number;
  /** Each agency write, from its arrival to its commit, waiting for the writes before it included. */
  writeMs: number;
}

/**
 * Under the gateway's subgraph timeout (5 s): a stopped statement is answered with its own error
 * before the gateway gives up on the subgraph. The slowest statement the bench measures is ~30 ms.
 */
export const DEFAULT_DEADLINES: Deadlines = { statementMs: 3000, writeMs: 4000 };
