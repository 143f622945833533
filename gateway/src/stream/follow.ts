import {
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { StreamRequest } from './request';

/** Changes read per request while a stream catches up: small enough that a rich selection stays under the cost limit. */
export const STREAM_PAGE_SIZE = 50;

/** Aliases of what the stream adds to the client's selection; taken out before an event is sent. */
export const CURSOR_ALIAS = 'hsgStreamCursor';
const AFTER_VARIABLE = 'hsgStreamAfter';
const TYPES_VARIABLE = 'hsgStreamTypes';

/** The latest change (of some types): where a stream without `after` starts. */
export const TAIL_QUERY = `query ChangeStreamTail($${TYPES_VARIABLE}: [String!]) { changes(types: $${TYPES_VARIABLE}, last: 1) { edges { cursor } } }`;

/** How a stream follows the feed: the query it runs for each page, and how to read its answer. */
export interface Follow {
  /** A query over `Query.changes` selecting, on each edge, what the subscription selects (and the cursor). */
  query: string;
  /** The variables of one page after `after`. */
  variables: (after: string | null) => Record<string, unknown>;
  /** The response key the client gave `changes` (its alias, or `changes`): each event is `{ data: { [key]: edge } }`. */
  responseKey: string;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const variable = (value: string) => ({ kind: Kind.VARIABLE, name: name(value) }) as const;
const field = (fieldName: string, selections?: readonly SelectionNode[], alias?: string): FieldNode => ({
  kind: Kind.FIELD,
  name: name(fieldName),
  ...(alias ? { alias: name(alias) } : {}),
  ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});

/** The variables a document's operation and fragments use. */
function usedVariables(definitions: DocumentNode['definitions']): Set<string> {
  const used = new Set<string>();
  for (const definition of definitions) {
    visit(definition, {
      VariableDefinition: () => false,
      Variable: (node) => void used.add(node.name.value),
    });
  }
  return used;
}

/**
 * Turns `subscription { changes(after, types) { …on ChangeEdge… } }` into the query that reads one
 * page of the feed: `query { changes(after: $after, types: $types, first: N) { pageInfo {
 * hasNextPage } edges { cursor …the client's selection… } } }`, with the client's fragments and the
 * variables its selection still uses. The answer's edges are then the subscription's events, so
 * every field a client may select is resolved by the gateway's ordinary query path — planning,
 * subgraphs, cost, limits, trusted documents, the caller's credentials — with nothing of its own.
 */
export function followOf(request: StreamRequest): Follow {
  const { document, operation, field: changes, variables, types } = request;
  const root = field('changes', [
    field('pageInfo', [field('hasNextPage')]),
    field('edges', [field('cursor', undefined, CURSOR_ALIAS), ...(changes.selectionSet?.selections ?? [])]),
  ]);
  const args = [
    { kind: Kind.ARGUMENT, name: name('after'), value: variable(AFTER_VARIABLE) },
    { kind: Kind.ARGUMENT, name: name('types'), value: variable(TYPES_VARIABLE) },
    { kind: Kind.ARGUMENT, name: name('first'), value: { kind: Kind.INT, value: String(STREAM_PAGE_SIZE) } },
  ] as const;
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const body: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: name('ChangeStream'),
    variableDefinitions: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [{ ...root, arguments: args }] },
  };
  // The client's `after` and `types` are read once (request.ts); a variable used only there is dropped.
  const used = usedVariables([body, ...fragments]);
  const own: VariableDefinitionNode[] = [
    { kind: Kind.VARIABLE_DEFINITION, variable: variable(AFTER_VARIABLE), type: { kind: Kind.NAMED_TYPE, name: name('String') } },
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: variable(TYPES_VARIABLE),
      type: {
        kind: Kind.LIST_TYPE,
        type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('String') } },
      },
    },
  ];
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...body, variableDefinitions: [...own, ...(operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value))] },
      ...fragments,
    ],
  };
  const clientVariables = Object.fromEntries(Object.entries(variables).filter(([key]) => used.has(key)));
  return {
    query: print(query),
    variables: (after) => ({ ...clientVariables, [AFTER_VARIABLE]: after, [TYPES_VARIABLE]: types }),
    responseKey: changes.alias?.value ?? changes.name.value,
  };
}

export const tailVariables = (types: string[] | null) => ({ [TYPES_VARIABLE]: types });
