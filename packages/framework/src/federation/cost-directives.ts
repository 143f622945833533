import {
  Kind,
  parse,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../persistence/pagination';
import { measuredListSize } from './list-sizes';

/** The cost directives every subgraph imports (IBM GraphQL cost spec, as Federation 2.9 ships it). */
export const COST_DIRECTIVES = ['@cost', '@listSize'] as const;

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/**
 * The `@listSize` of a Relay connection: its size is `first` when given, else the page size the
 * resolvers default to, and it sizes the `edges` and `nodes` lists inside it (not the connection,
 * which is one object).
 */
const directive = (text: string): ConstDirectiveNode =>
  (parse(`type T { f: Int ${text} }`).definitions[0] as ObjectTypeDefinitionNode).fields![0].directives![0];
const connectionListSize = (assumedSize: number) =>
  directive(
    `@listSize(assumedSize: ${assumedSize}, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)`,
  );
const CONNECTION_LIST_SIZE = connectionListSize(DEFAULT_PAGE_SIZE);

const isListType = (type: TypeNode): boolean => type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isListType(type.type));
const isConnectionField = (field: FieldDefinitionNode) =>
  namedType(field.type).endsWith('Connection') && !!field.arguments?.some((a) => a.name.value === 'first');

/**
 * A nested list's size as measured in the data (list-sizes.ts), replacing any it declares: a
 * connection keeps `first` as its slicing argument and takes the measured size (at most a page)
 * when `first` is not given.
 */
function measuredSize(type: string, field: FieldDefinitionNode): FieldDefinitionNode {
  const size = measuredListSize(type, field.name.value);
  const connection = isConnectionField(field);
  if (size === undefined || !(connection || isListType(field.type))) return field;
  const others = (field.directives ?? []).filter((d) => d.name.value !== 'listSize');
  const sized = connection ? connectionListSize(Math.min(size, DEFAULT_PAGE_SIZE)) : directive(`@listSize(assumedSize: ${size})`);
  return { ...field, directives: [...others, sized] };
}

const measureFields = <T extends ObjectTypeDefinitionNode | ObjectTypeExtensionNode>(node: T): T =>
  node.fields ? { ...node, fields: node.fields.map((f) => measuredSize(node.name.value, f)) } : node;

/**
 * Declares every connection field's list size once, here, rather than on each resolver: any field
 * returning a `…Connection` with a `first` argument gets CONNECTION_LIST_SIZE unless it declares
 * its own `@listSize`. Then every nested list the data has been measured for takes its measured
 * size (list-sizes.ts). Other plain lists declare theirs where they are defined.
 */
export function sizeConnections(typeDefs: DocumentNode): DocumentNode {
  const paged = visit(typeDefs, {
    FieldDefinition(field) {
      if (!isConnectionField(field) || field.directives?.some((d) => d.name.value === 'listSize')) return undefined;
      return { ...field, directives: [...(field.directives ?? []), CONNECTION_LIST_SIZE] };
    },
  });
  return visit(paged, { ObjectTypeDefinition: measureFields, ObjectTypeExtension: measureFields });
}
