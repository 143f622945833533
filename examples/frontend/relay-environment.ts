import { Environment, Network, RecordSource, Store, type GraphQLResponse } from 'relay-runtime';

/** `uri` is the gateway's /graphql. */
export function makeEnvironment(uri: string) {
  const network = Network.create(async (operation, variables) => {
    const res = await fetch(uri, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.text, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  });
  return new Environment({
    network,
    store: new Store(new RecordSource()),
    // Records by their globalId; a type without one (ChangeEntry) by type and id.
    getDataID: (value: { globalId?: string; id?: string }, typeName: string) =>
      value.globalId ?? (value.id != null ? `${typeName}:${value.id}` : undefined),
  });
}
