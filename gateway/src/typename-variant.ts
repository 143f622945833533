import { Kind, print, visit, type DocumentNode, type SelectionSetNode } from 'graphql';

const TYPENAME = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as const;

/**
 * A document as Apollo Client sends it: its InMemoryCache adds `__typename` to every selection
 * set but an operation's root (and those that already ask for it, introspect, or are `@export`ed)
 * before the persisted-queries link hashes `print(document)`. Registering this form beside the
 * manifest's lets a default Apollo Client hit registered documents without a build step; the
 * rule is Apollo Client 4's `addTypenameToDocument`, checked against the real client by
 * tests/test/persisted-documents.e2e.test.ts.
 */
export function withTypenames(document: DocumentNode): string {
  return print(
    visit(document, {
      SelectionSet: {
        enter(node: SelectionSetNode, _key, parent) {
          if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
          if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))) return undefined;
          const field = parent as { kind?: string; directives?: readonly { name: { value: string } }[] } | undefined;
          if (field?.kind === Kind.FIELD && field.directives?.some((d) => d.name.value === 'export')) return undefined;
          return { ...node, selections: [...node.selections, TYPENAME] };
        },
      },
    }),
  );
}
