import { SEARCHED_TYPES, type Logger, type SubgraphName } from '@hsg/core';
import { SEARCH_TERMS_PATH, type PublishedTerm } from '@hsg/framework';

/** How long a first start waits for the owners to publish (they may be seeding, as under `npm start`). */
const WAIT_FOR_OWNERS_MS = 120_000;
const RETRY_MS = 500;

/**
 * The spellings every owner publishes for its seeded records (GET /_search-terms), in the order
 * of the `SearchResult` union's types and, within a type, the owner's seed order: the order the
 * index numbers them in, which ranking's candidate cap reads. Waits for an owner that is not up yet.
 */
export async function fetchPublishedTerms(
  peers: Partial<Record<SubgraphName, string>>,
  owners: SubgraphName[],
  logger: Logger,
): Promise<PublishedTerm[]> {
  const published = await Promise.all(owners.map((owner) => fetchFrom(owner, peers[owner], logger)));
  const byKind = new Map<string, PublishedTerm[]>();
  for (const terms of published)
    for (const term of terms) {
      const ofKind = byKind.get(term.kind);
      if (ofKind) ofKind.push(term);
      else byKind.set(term.kind, [term]);
    }
  return SEARCHED_TYPES.flatMap((kind) => byKind.get(kind) ?? []);
}

async function fetchFrom(owner: SubgraphName, url: string | undefined, logger: Logger): Promise<PublishedTerm[]> {
  if (!url) throw new Error(`the search index needs ${owner}'s spellings, but no URL for it is configured (${owner.toUpperCase()}_URL)`);
  const endpoint = url.replace(/\/graphql$/, SEARCH_TERMS_PATH);
  const deadline = Date.now() + WAIT_FOR_OWNERS_MS;
  let waiting = false;
  for (;;) {
    try {
      const res = await fetch(endpoint, { signal: AbortSignal.timeout(30_000) });
      if (res.ok) return ((await res.json()) as { terms: PublishedTerm[] }).terms;
      throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(
          `${owner} did not publish its spellings at ${endpoint} within ${WAIT_FOR_OWNERS_MS} ms: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      if (!waiting) logger.info({ owner, endpoint }, 'waiting for an owner to publish its spellings');
      waiting = true;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}
