/** Facility writes as they land, with a browser's own EventSource; `streamUrl` is the gateway's /graphql/stream. */
export function watchFacilities(
  streamUrl: string,
  render: (change: { cursor: string; node: { recordId: string; operation: string } }) => void,
) {
  const url = new URL(streamUrl);
  url.searchParams.set('query', 'subscription { changes(types: ["Facility"]) { cursor node { recordId operation } } }');
  const source = new EventSource(url);
  source.addEventListener('next', (event) => render(JSON.parse((event as MessageEvent).data).data.changes));
  return () => source.close();
}
