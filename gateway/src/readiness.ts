import type { ReadinessReport, SubgraphName } from '@hsg/core';

/**
 * The gateway is ready when every subgraph's own `/_readiness` (which runs a statement on its
 * database) answers 200 within `timeoutMs`; otherwise the report names the subgraphs that are down.
 */
export function subgraphReadiness(subgraphUrls: Record<SubgraphName, string>, timeoutMs: number): () => Promise<ReadinessReport> {
  return async () => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        try {
          const res = await fetch(url.replace(/\/graphql$/, '/_readiness'), { signal: AbortSignal.timeout(timeoutMs) });
          await res.body?.cancel();
          return { name, up: res.ok };
        } catch {
          return { name, up: false };
        }
      }),
    );
    const down = checks.filter((c) => !c.up).map((c) => c.name);
    return down.length ? { ready: false, down } : { ready: true };
  };
}
