import { Kind, parse, visit, type ConstDirectiveNode, type DocumentNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../persistence/pagination';

/** The cost directives every subgraph imports (IBM GraphQL cost spec, as Federation 2.9 ships it). */
export const COST_DIRECTIVES = ['@cost', '@listSize'] as const;

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/**
 * The `@listSize` of a Relay connection: its size is `first` when given, else the page size the
 * resolvers default to, and it sizes the `edges` and `nodes` lists inside it (not the connection,
 * which is one object).
 */
const CONNECTION_LIST_SIZE: ConstDirectiveNode = (
  parse(
    `type T { f: Int @listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false) }`,
  ).definitions[0] as ObjectTypeDefinitionNode
).fields![0].directives![0];

/**
 * Declares every connection field's list size once, here, rather than on each resolver: any field
 * returning a `…Connection` with a `first` argument gets CONNECTION_LIST_SIZE unless it declares
 * its own `@listSize`. Plain lists declare theirs where they are defined.
 */
export function sizeConnections(typeDefs: DocumentNode): DocumentNode {
  return visit(typeDefs, {
    FieldDefinition(field) {
      const isConnection = namedType(field.type).endsWith('Connection') && field.arguments?.some((a) => a.name.value === 'first');
      if (!isConnection || field.directives?.some((d) => d.name.value === 'listSize')) return undefined;
      return { ...field, directives: [...(field.directives ?? []), CONNECTION_LIST_SIZE] };
    },
  });
}
