import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  parse,
  print,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { COST_ESTIMATE_BYTES } from './memory-budget';

/**
 * Demand control: every operation's cost is estimated from the supergraph before any subgraph is
 * called, and an operation over budget is refused. The model is the IBM GraphQL cost directive
 * spec as Apollo Router's demand control applies it:
 * - a query costs 0 and a mutation 10, plus its fields;
 * - a field returning an object, interface or union costs 1 (a scalar or enum 0), or its
 *   `@cost(weight)`; arguments with `@cost` add their weight;
 * - a list multiplies its item's cost (and the cost of the selections below it) by its size: the
 *   value of its `@listSize` slicing argument (`first`), else the declared `assumedSize`, else
 *   DEFAULT_LIST_SIZE; `sizedFields` move that size onto the connection's `edges` and `nodes`;
 * - federation-aware, as Hive Gateway and Apollo Router count the sub-requests they plan: a field
 *   that another subgraph must resolve for the same object (an entity fetch) adds 1 per object per
 *   subgraph;
 * - introspection is costed like any query, its lists sized by this schema (`__schema.types` is
 *   as long as the schema has types; a type's `fields`, `args` … as long as they are on average),
 *   a wrapper's `ofType` free.
 * Fragments are costed once each (memoised) and a fragment spread twice in one selection set is
 * merged as execution merges it, so the estimate takes time linear in the document's size.
 * The actual cost uses the same weights over the response, with lists at their real length.
 */

/** Size of a list no `@listSize` describes: the largest page a connection serves. */
export const DEFAULT_LIST_SIZE = 100;
/** Cost of fetching one object's fields from one more subgraph (one `_entities` representation). */
export const ENTITY_FETCH_COST = 1;
const OPERATION_COST = { query: 0, mutation: 10, subscription: 0 } as const;
/**
 * `ofType` of a list or non-null wrapper is the wrapped type read again from memory; without this
 * the seven `ofType` levels of GraphiQL's TypeRef fragment would count as seven objects per field.
 */
const INTROSPECTION_WEIGHTS: Record<string, number> = { '__Type.ofType': 0 };

interface ListSize {
  assumedSize?: number;
  slicingArguments: string[];
  sizedFields: string[];
  requireOneSlicingArgument: boolean;
}

interface FieldInfo {
  weight?: number;
  listSize?: ListSize;
  argumentWeights: Map<string, number>;
  /** Subgraphs that resolve this field; empty when every subgraph defining the type does. */
  graphs: string[];
}

/** A list size handed down to the `sizedFields` of a connection. */
interface Sizing {
  fields: string[];
  size: number;
}

const argValue = (directive: ConstDirectiveNode | DirectiveNode | undefined, name: string): unknown => {
  const arg = directive?.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
};

const directivesNamed = (node: { astNode?: { directives?: readonly ConstDirectiveNode[] } | null } | undefined, name: string) =>
  node?.astNode?.directives?.filter((d) => d.name.value === name) ?? [];

const numberOf = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** The cost model over one supergraph: the schema with its `@cost`, `@listSize` and `@join__*` directives. */
export class CostModel {
  readonly schema: GraphQLSchema;
  private readonly fieldInfo = new Map<string, FieldInfo>();
  private readonly typeGraphs = new Map<string, string[]>();
  private readonly introspectionSizes: Record<string, number>;

  constructor(supergraphSdl: string) {
    this.schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
    // Introspection lists are sized by the API schema (the supergraph less its join__/link__
    // machinery): `types` and `directives` exactly, the lists
    // inside a type by their mean length over the types that have them (rounded up).
    const internal = (name: string) => name.startsWith('__') || name.startsWith('join__') || name.startsWith('link__');
    const named = Object.values(this.schema.getTypeMap()).filter((t) => !internal(t.name));
    const directives = this.schema.getDirectives().filter((d) => !internal(d.name) && !['link', 'cost', 'listSize'].includes(d.name));
    const mean = (lengths: number[]) => Math.max(1, Math.ceil(lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)));
    const fieldLists = named
      .filter((t) => isObjectType(t) || isInterfaceType(t))
      .map((t) => Object.values((t as GraphQLObjectType).getFields()));
    const inputLists = named.filter(isInputObjectType).map((t) => Object.keys(t.getFields()).length);
    this.introspectionSizes = {
      '__Schema.types': named.length,
      '__Schema.directives': directives.length,
      '__Type.fields': mean(fieldLists.map((f) => f.length)),
      '__Type.inputFields': mean(inputLists),
      '__Type.interfaces': mean(named.filter(isObjectType).map((t) => t.getInterfaces().length)),
      '__Type.possibleTypes': mean(named.filter(isAbstractType).map((t) => this.schema.getPossibleTypes(t).length)),
      '__Type.enumValues': mean(named.filter(isEnumType).map((t) => t.getValues().length)),
      '__Field.args': mean(fieldLists.flat().map((f) => f.args.length)),
      '__Directive.args': mean(directives.map((d) => d.args.length)),
    };
  }

  private graphsOfType(type: GraphQLNamedType): string[] {
    let graphs = this.typeGraphs.get(type.name);
    if (!graphs) {
      graphs = directivesNamed(type, 'join__type').map((d) => String(argValue(d, 'graph')));
      this.typeGraphs.set(type.name, graphs);
    }
    return graphs;
  }

  private info(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): FieldInfo {
    const key = `${parent.name}.${field.name}`;
    let info = this.fieldInfo.get(key);
    if (info) return info;
    const cost = directivesNamed(field, 'cost')[0];
    const listSize = directivesNamed(field, 'listSize')[0];
    const argumentWeights = new Map<string, number>();
    for (const arg of field.args) {
      const w = numberOf(argValue(directivesNamed(arg, 'cost')[0], 'weight'));
      if (w !== undefined) argumentWeights.set(arg.name, w);
    }
    info = {
      weight: numberOf(argValue(cost, 'weight')),
      listSize: listSize && {
        assumedSize: numberOf(argValue(listSize, 'assumedSize')),
        slicingArguments: (argValue(listSize, 'slicingArguments') as string[] | undefined) ?? [],
        sizedFields: (argValue(listSize, 'sizedFields') as string[] | undefined) ?? [],
        requireOneSlicingArgument: argValue(listSize, 'requireOneSlicingArgument') !== false,
      },
      argumentWeights,
      graphs: directivesNamed(field, 'join__field')
        .filter((d) => argValue(d, 'external') !== true && argValue(d, 'graph') !== undefined)
        .map((d) => String(argValue(d, 'graph'))),
    };
    this.fieldInfo.set(key, info);
    return info;
  }

  /** Estimates an operation's cost; `operation` is one of `document`'s (validated) operations. */
  estimate(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
    return new Estimate(this, document, operation, variables).total();
  }

  /** The cost of what a response actually holds, by the same weights. */
  actual(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, data: unknown): number {
    return new Estimate(this, document, operation, variables).actual(data);
  }

  /**
   * Each field node's cost facts, per parent type. Apollo hands the same parsed document for the
   * same query text, so a response's walk (actual cost) looks each field up once per document, not
   * once per object in every list; the map goes with the document.
   */
  private readonly fieldsOfNode = new WeakMap<FieldNode, Map<GraphQLCompositeType, FieldCost | undefined>>();

  /** @internal Everything one field's cost needs. */
  field(parent: GraphQLCompositeType, node: FieldNode): FieldCost | undefined {
    let byParent = this.fieldsOfNode.get(node);
    if (!byParent) this.fieldsOfNode.set(node, (byParent = new Map()));
    if (byParent.has(parent)) return byParent.get(parent);
    const facts = this.fieldFacts(parent, node);
    byParent.set(parent, facts);
    return facts;
  }

  private fieldFacts(parent: GraphQLCompositeType, node: FieldNode) {
    const name = node.name.value;
    const def =
      name === '__schema'
        ? SchemaMetaFieldDef
        : name === '__type'
          ? TypeMetaFieldDef
          : 'getFields' in parent
            ? parent.getFields()[name]
            : undefined;
    if (!def) return undefined;
    const info = this.info(parent, def);
    const type = getNamedType(def.type);
    const typeWeight = numberOf(argValue(directivesNamed(type, 'cost')[0], 'weight'));
    return {
      def,
      info,
      type,
      weight: INTROSPECTION_WEIGHTS[`${parent.name}.${name}`] ?? info.weight ?? typeWeight ?? (isCompositeType(type) ? 1 : 0),
      isList: isListType(getNullableType(def.type)),
      introspectionSize: this.introspectionSizes[`${parent.name}.${name}`],
      graphs: info.graphs.length ? info.graphs : this.graphsOfType(parent),
    };
  }
}

type FieldCost = NonNullable<ReturnType<CostModel['fieldFacts']>>;

/** One operation's walk; memoises each fragment's cost per context. */
class Estimate {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly model: CostModel,
    document: DocumentNode,
    private readonly operation: OperationDefinitionNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(def.name.value, def);
  }

  private rootType(): GraphQLCompositeType {
    const s = this.model.schema;
    const t =
      this.operation.operation === 'mutation'
        ? s.getMutationType()
        : this.operation.operation === 'subscription'
          ? s.getSubscriptionType()
          : s.getQueryType();
    return t!;
  }

  total(): number {
    return OPERATION_COST[this.operation.operation] + this.selectionSet(this.operation.selectionSet, this.rootType(), [], undefined);
  }

  actual(data: unknown): number {
    if (!data || typeof data !== 'object') return OPERATION_COST[this.operation.operation];
    return OPERATION_COST[this.operation.operation] + this.actualSet(this.operation.selectionSet, this.rootType(), [], undefined, data);
  }

  private skipped(node: { directives?: readonly DirectiveNode[] }): boolean {
    for (const d of node.directives ?? []) {
      const arg = d.arguments?.find((a) => a.name.value === 'if')?.value;
      if (!arg || (d.name.value !== 'skip' && d.name.value !== 'include')) continue;
      const value = arg.kind === Kind.VARIABLE ? this.variables[arg.name.value] : valueFromASTUntyped(arg);
      if ((d.name.value === 'skip' && value === true) || (d.name.value === 'include' && value === false)) return true;
    }
    return false;
  }

  private argumentValue(node: FieldNode, name: string): unknown {
    const arg = node.arguments?.find((a) => a.name.value === name);
    if (!arg) return undefined;
    if (arg.value.kind === Kind.VARIABLE) {
      const v = arg.value.name.value;
      if (v in this.variables) return this.variables[v];
      const def = this.operation.variableDefinitions?.find((d) => d.variable.name.value === v)?.defaultValue;
      return def ? valueFromASTUntyped(def) : undefined;
    }
    return valueFromASTUntyped(arg.value, this.variables);
  }

  /** The size `@listSize` gives a field in this operation, or undefined when it declares none. */
  private listSize(node: FieldNode, listSize: ListSize, def: GraphQLField<unknown, unknown>): number | undefined {
    const sliced: number[] = [];
    for (const name of listSize.slicingArguments) {
      let value = this.argumentValue(node, name);
      if (value === undefined || value === null) value = def.args.find((a) => a.name === name)?.defaultValue;
      const n = numberOf(value);
      if (n !== undefined) sliced.push(n);
    }
    if (listSize.requireOneSlicingArgument && listSize.slicingArguments.length && sliced.length !== 1) {
      throw new GraphQLError(
        `"${def.name}" needs exactly one of ${listSize.slicingArguments.map((a) => `"${a}"`).join(', ')} to say how many items to return.`,
        {
          nodes: [node],
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        },
      );
    }
    return sliced.length ? Math.max(...sliced) : listSize.assumedSize;
  }

  /** Which subgraphs resolve this field for an object resolved in `graphs`, and whether that takes one more fetch. */
  private route(graphs: string[], fieldGraphs: string[]): { next: string[]; jump?: string } {
    if (!fieldGraphs.length) return { next: graphs };
    if (!graphs.length) return { next: fieldGraphs };
    const shared = graphs.filter((g) => fieldGraphs.includes(g));
    return shared.length ? { next: shared } : { next: fieldGraphs, jump: fieldGraphs[0] };
  }

  /** The multiplier of a field and the sizing it hands down. */
  private sizes(node: FieldNode, f: FieldCost, sizing: Sizing | undefined) {
    let multiplier = 1;
    let handDown: Sizing | undefined;
    const declared = f.info.listSize ? this.listSize(node, f.info.listSize, f.def) : undefined;
    if (f.info.listSize?.sizedFields.length) handDown = { fields: f.info.listSize.sizedFields, size: declared ?? DEFAULT_LIST_SIZE };
    else if (f.isList) multiplier = declared ?? f.introspectionSize ?? DEFAULT_LIST_SIZE;
    if (sizing?.fields.includes(node.name.value) && f.isList) multiplier = sizing.size;
    return { multiplier, handDown };
  }

  private argumentsCost(node: FieldNode, f: FieldCost): number {
    let c = 0;
    for (const arg of node.arguments ?? []) c += f.info.argumentWeights.get(arg.name.value) ?? 0;
    return c;
  }

  private fragmentType(typeName: string | undefined, parent: GraphQLCompositeType): GraphQLCompositeType {
    const t = typeName ? this.model.schema.getType(typeName) : parent;
    return (t && isCompositeType(t) ? t : parent) as GraphQLCompositeType;
  }

  private selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType, graphs: string[], sizing: Sizing | undefined): number {
    let cost = 0;
    const jumps = new Set<string>();
    const narrowed = new Map<string, number>();
    const visited = new Set<string>();
    for (const sel of set.selections) {
      if (this.skipped(sel)) continue;
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__typename') continue;
        const f = this.model.field(parent, sel);
        if (!f) continue;
        const { next, jump } = this.route(graphs, f.graphs);
        if (jump) jumps.add(jump);
        const { multiplier, handDown } = this.sizes(sel, f, sizing);
        const below = sel.selectionSet && isCompositeType(f.type) ? this.selectionSet(sel.selectionSet, f.type, next, handDown) : 0;
        cost += multiplier * (f.weight + below) + this.argumentsCost(sel, f);
        continue;
      }
      let type: GraphQLCompositeType;
      let c: number;
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        type = this.fragmentType(sel.typeCondition?.name.value, parent);
        c = this.selectionSet(sel.selectionSet, type, graphs, sizing);
      } else {
        const name = sel.name.value;
        const fragment = this.fragments.get(name);
        if (!fragment || visited.has(name)) continue;
        visited.add(name);
        type = this.fragmentType(fragment.typeCondition.name.value, parent);
        const key = `${name}|${graphs.join(',')}|${sizing ? `${sizing.fields.join(',')}:${sizing.size}` : ''}`;
        let memoised = this.memo.get(key);
        if (memoised === undefined) {
          memoised = this.selectionSet(fragment.selectionSet, type, graphs, sizing);
          this.memo.set(key, memoised);
        }
        c = memoised;
      }
      // On an object every valid fragment applies; on an abstract type only one narrowing does per object.
      if (type === parent || isObjectType(parent)) cost += c;
      else narrowed.set(type.name, (narrowed.get(type.name) ?? 0) + c);
    }
    return cost + jumps.size * ENTITY_FETCH_COST + Math.max(0, ...narrowed.values());
  }

  private actualSet(
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    graphs: string[],
    sizing: Sizing | undefined,
    value: object,
    visited = new Set<string>(),
  ): number {
    const object = value as Record<string, unknown>;
    const typename = typeof object.__typename === 'string' ? object.__typename : undefined;
    let cost = 0;
    const jumps = new Set<string>();
    for (const sel of set.selections) {
      if (this.skipped(sel)) continue;
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__typename') continue;
        const v = object[sel.alias?.value ?? sel.name.value];
        const f = this.model.field(parent, sel);
        if (!f || v === undefined) continue;
        const { next, jump } = this.route(graphs, f.graphs);
        if (jump) jumps.add(jump);
        const { handDown } = this.sizes(sel, f, undefined);
        const items = (Array.isArray(v) ? v.flat(Infinity) : [v]).filter((x) => x !== null && x !== undefined);
        for (const item of items) {
          cost += f.weight;
          if (sel.selectionSet && typeof item === 'object' && isCompositeType(f.type)) {
            cost += this.actualSet(sel.selectionSet, f.type, next, handDown, item as object);
          }
        }
        cost += this.argumentsCost(sel, f);
        continue;
      }
      let selectionSet: SelectionSetNode;
      let typeName: string | undefined;
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        selectionSet = sel.selectionSet;
        typeName = sel.typeCondition?.name.value;
      } else {
        const fragment = this.fragments.get(sel.name.value);
        if (!fragment || visited.has(sel.name.value)) continue;
        visited.add(sel.name.value);
        selectionSet = fragment.selectionSet;
        typeName = fragment.typeCondition.name.value;
      }
      const type = this.fragmentType(typeName, parent);
      const applies =
        type === parent ||
        isObjectType(parent) ||
        (typename
          ? typename === type.name || (isAbstractType(type) && this.model.schema.getPossibleTypes(type).some((t) => t.name === typename))
          : true);
      if (applies) cost += this.actualSet(selectionSet, isObjectType(parent) ? parent : type, graphs, sizing, value, visited);
    }
    return cost + jumps.size * ENTITY_FETCH_COST;
  }
}

/** What the plugin adds to `extensions.cost` of every response. */
export interface CostReport {
  estimated: number;
  actual?: number;
  limit: number;
}

/**
 * The Apollo Server plugin: estimates in `didResolveOperation` (after validation, before the
 * gateway plans or calls anything), refuses over `maxCost` with COST_LIMIT_EXCEEDED, and reports
 * `extensions.cost` { estimated, actual, limit } on every response.
 */
/** A kept cost: its key's text (two bytes a code unit) and the entry around it. */
const costEntryBytes = (_cost: number, key: string) => key.length * 2 + 64;

/** A cache of costs by key, bounded by the keys' bytes: a key holds a printed document and its variables, up to a megabyte each. */
const costCache = (maxBytes: number) => new LRUCache<string, number>({ maxSize: maxBytes, sizeCalculation: costEntryBytes });

/**
 * The estimates of one gateway. A registered (trusted) document's cost is known once it has been
 * estimated for a set of variables, so its estimate is kept and the walk of the query skipped
 * afterwards; any other document is estimated on every request (an attacker's documents vary,
 * and a cache of them would only grow). Each cache holds at most `maxBytes`.
 */
export class CostEstimates {
  /** How many estimates walked a query (the cold path). */
  computed = 0;
  private readonly known: LRUCache<string, number>;
  private readonly printed = new WeakMap<DocumentNode, string>();
  /** Actual costs of responses the response cache identified by their ETag (the same data costs the same). */
  private readonly actuals: LRUCache<string, number>;

  constructor(
    readonly model: CostModel,
    private readonly isRegistered: (document: DocumentNode) => boolean = () => false,
    maxBytes = COST_ESTIMATE_BYTES,
  ) {
    this.known = costCache(maxBytes);
    this.actuals = costCache(maxBytes);
  }

  /** Apollo hands the same parsed document for the same query text: each is printed once. */
  private print(document: DocumentNode): string {
    let printed = this.printed.get(document);
    if (printed === undefined) this.printed.set(document, (printed = print(document)));
    return printed;
  }

  /** The actual cost of a response; one with an ETag (a cached or cacheable response) is walked once. */
  actual(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    data: unknown,
    etag: string | undefined,
  ): number {
    const key = etag && `${etag}\u0000${this.print(document)}\u0000${operation.name?.value ?? ''}\u0000${JSON.stringify(variables)}`;
    const known = key ? this.actuals.get(key) : undefined;
    if (known !== undefined) return known;
    const actual = this.model.actual(document, operation, variables, data);
    if (key) this.actuals.set(key, actual);
    return actual;
  }

  estimate(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
    const registered = this.isRegistered(document);
    const key = registered ? `${this.print(document)}\u0000${operation.name?.value ?? ''}\u0000${JSON.stringify(variables)}` : null;
    const cached = key === null ? undefined : this.known.get(key);
    if (cached !== undefined) return cached;
    this.computed++;
    const estimated = this.model.estimate(document, operation, variables);
    if (key !== null) this.known.set(key, estimated);
    return estimated;
  }
}

export function costPlugin(supergraphSdl: string, maxCost: number, isRegistered?: (document: DocumentNode) => boolean): ApolloServerPlugin {
  const model = new CostModel(supergraphSdl);
  const estimates = new CostEstimates(model, isRegistered);
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const estimated = estimates.estimate(document, operation, request.variables ?? {});
          report = { estimated, limit: maxCost };
          if (estimated > maxCost) {
            throw new GraphQLError(
              `The operation's estimated cost is ${estimated}; the limit is ${maxCost}. Ask for fewer items (a smaller "first"), fewer nested lists or fewer fields. (MAX_COST)`,
              { extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { estimated, limit: maxCost }, http: { status: 400 } } },
            );
          }
        },
        async willSendResponse({ response, document, operation, request }) {
          if (!report || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (
            document &&
            operation &&
            result.data !== undefined &&
            !result.errors?.some((e) => e.extensions?.code === 'COST_LIMIT_EXCEEDED')
          ) {
            report.actual = estimates.actual(document, operation, request.variables ?? {}, result.data, response.http.headers.get('etag'));
          }
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
}
