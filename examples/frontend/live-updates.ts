import { createClient } from 'graphql-sse';

export interface Change {
  cursor: string;
  node: { id: string; typeName: string; recordId: string; operation: string; version: number; entity: Record<string, unknown> | null };
}

const FEED = `subscription Feed($after: String) {
  changes(after: $after, types: ["Facility", "Project"]) {
    cursor
    node { id typeName recordId operation version entity { ... on Facility { name } ... on Project { name status } } }
  }
}`;

/**
 * Calls `onChange` with each Facility and Project write as it lands. `streamUrl` is the gateway's
 * /graphql/stream. Without `after` the stream starts at the latest change; with a cursor you kept
 * (say, in sessionStorage), right after it: that is how a reload or a disconnect resumes.
 */
export function followChanges(streamUrl: string, onChange: (change: Change) => void, options: { after?: string; token?: string } = {}) {
  const client = createClient({
    url: streamUrl,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {}, // agencies only
  });
  const dispose = client.subscribe<{ changes: Change }>(
    { query: FEED, variables: { after: options.after ?? null } },
    {
      // Update the page, or evict `${typeName}:${recordId}` from the cache.
      next: ({ data }) => onChange(data!.changes),
      error: (e) => console.error(e), // a refusal: e.g. 429 RATE_LIMITED when the app holds too many streams
      complete: () => {},
    },
  );
  return () => {
    dispose();
    client.dispose();
  };
}
