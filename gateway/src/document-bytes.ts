import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode, Token } from 'graphql';

/**
 * Heap one parsed token keeps, AST node, location and token together: measured at ~170 bytes
 * (50 parsed 1,000-token documents held 168 KB each), rounded up.
 */
const BYTES_PER_TOKEN = 200;

/**
 * What a parsed document holds in the heap, about: its query text (which every location points
 * at, two bytes a character at worst) and its tokens. An upper bound rather than a measurement:
 * a document of one 300 KB string is counted at 600 KB (it holds ~310 KB), a 1,000-token one at
 * ~200 KB (it holds ~170 KB). A document built without locations is counted by its JSON, four
 * times over.
 */
export function documentBytes(document: DocumentNode): number {
  const loc = document.loc;
  if (!loc) return JSON.stringify(document).length * 4;
  let tokens = 0;
  for (let token: Token | null = loc.startToken; token; token = token.next) tokens++;
  return loc.source.body.length * 2 + tokens * BYTES_PER_TOKEN;
}

/** Apollo Server's store of parsed documents, bounded by documentBytes() instead of by JSON. */
export function documentStore(maxBytes: number): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({ maxSize: maxBytes, sizeCalculation: (document) => Math.max(1, documentBytes(document)) });
}
