import { type Logger, type SubgraphName } from '@hsg/core';
import { CHANGE_FEED_PATH, type FeedChange } from '@hsg/framework';
import type { DataSource, EntityManager } from 'typeorm';
import { Change, FeedPosition } from './change';
import { refreshFullTextIndex } from './fts';
import { SearchTerm } from './search-term';

/** How often the owners' feeds are asked for new changes: a write is searchable within about this long. */
export const FEED_POLL_MS = 500;

/**
 * Follows the owning subgraphs' change feeds: every change is appended to the graph-wide feed
 * (`Query.changes`), and a change to a record `search` finds re-indexes it with the spellings its
 * owner sent along — so a facility an agency creates is found by `search` without a restart. Pull,
 * not push: an owner needs to know nothing about its followers, a follower that was down catches
 * up from its stored position, and each change is applied once, in order, in one transaction with
 * the new position — by whichever replica gets to it first.
 */
export function followChangeFeeds(
  dataSource: DataSource,
  peers: Partial<Record<SubgraphName, string>>,
  sources: SubgraphName[],
  logger: Logger,
): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const failing = new Set<string>();

  async function apply(manager: EntityManager, source: string, fetched: FeedChange[]): Promise<boolean> {
    // Replicas on one PostgreSQL database follow the same feeds: one applies a batch at a time, and
    // the next sees the position it left and skips what was applied (rather than fail on the
    // unique change index, or number terms from the same highest id).
    // Taken without waiting: a replica applying a long batch would otherwise hold the other's
    // statement past its deadline; the one that does not get the lock tries again next poll.
    if (manager.connection.options.type === 'postgres') {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`hsg-follow:${source}`]);
      if (!locked) return false;
    }
    const position = (await manager.findOneBy(FeedPosition, { source }))?.seq ?? 0;
    const changes = fetched.filter((c) => c.seq > position);
    if (changes.length === 0) return false;
    let reindexed = false;
    // New terms are numbered after the highest id, read once per batch.
    const { max } = (await manager.createQueryBuilder(SearchTerm, 't').select('MAX(t.id)', 'max').getRawOne()) ?? { max: 0 };
    let nextId = Number(max ?? 0) + 1;
    for (const change of changes) {
      await manager.insert(Change, {
        source,
        sourceSeq: change.seq,
        at: change.at,
        agency: change.agency,
        operation: change.operation,
        entityType: change.entityType,
        entityId: change.entityId,
        version: change.version,
      });
      // The first seed load's spellings were published with the owner's first index; a later one changed them.
      const terms = change.terms;
      if (!terms || (change.operation === 'seed' && change.version === 1)) continue;
      await manager.delete(SearchTerm, { kind: change.entityType, entityId: change.entityId });
      if (terms.length)
        await manager.insert(
          SearchTerm,
          terms.map((t) => ({ id: nextId++, ...t })),
        );
      reindexed = true;
    }
    const last = changes.at(-1)!.seq;
    await manager.save(FeedPosition, { source, seq: last });
    return reindexed;
  }

  async function pollOnce(): Promise<void> {
    for (const source of sources) {
      const url = peers[source];
      if (!url || stopped) continue;
      const position = (await dataSource.getRepository(FeedPosition).findOneBy({ source }))?.seq ?? 0;
      let changes: FeedChange[];
      try {
        const res = await fetch(`${url.replace(/\/graphql$/, CHANGE_FEED_PATH)}?after=${position}`, { signal: AbortSignal.timeout(5000) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        changes = ((await res.json()) as { changes: FeedChange[] }).changes;
        if (failing.delete(source)) logger.info({ source }, 'change feed reachable again');
      } catch (err) {
        // The owner is down or restarting: its changes wait in its feed until it answers again.
        if (!failing.has(source)) logger.warn({ source, err }, 'change feed unreachable; retrying');
        failing.add(source);
        continue;
      }
      if (changes.length === 0 || stopped) continue;
      const reindexed = await dataSource.transaction((manager) => apply(manager, source, changes));
      if (reindexed) await refreshFullTextIndex(dataSource);
      logger.debug({ source, changes: changes.length }, 'followed changes');
    }
  }

  const tick = () => {
    if (stopped) return;
    running = pollOnce()
      .catch((err) => logger.error({ err }, 'following the change feeds failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, FEED_POLL_MS);
      });
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(tick, 0);

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
