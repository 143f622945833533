import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlError, refuseParameter, sendJson, wholeParameter } from '@hsg/core';
import type { DataSource } from 'typeorm';
import { familyOf, type EntityClass } from '../declarations/declaration';
import { searchTerms, type PublishedTerm } from '../search-terms/terms';
import { AuditRecord } from './audit';

/** The path every subgraph serves its audit trail on, for the subgraphs that follow it (search). */
export const CHANGE_FEED_PATH = '/_changes';
const MAX_BATCH = 500;

/**
 * One change as the feed sends it: the audit record without the state before, and for a record
 * `search` finds, its searchable spellings as the owner's declarations make them.
 */
export type FeedChange = Omit<AuditRecord, 'before' | 'idempotencyKey' | 'requestHash'> & { terms?: PublishedTerm[] };

/**
 * `GET /_changes?after=<seq>&limit=<n>`: the audit records after a sequence number, oldest first.
 * Followers keep the last sequence number they applied, so each change reaches them once and in
 * order, and a follower that was down catches up from where it stopped.
 */
export async function serveChangeFeed(
  dataSource: DataSource,
  searched: EntityClass[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET') return graphqlError(res, 405, 'BAD_REQUEST', `Use GET for ${CHANGE_FEED_PATH}.`);
  // Strict: once each, decimal digits only (Number() would read "0x10" as 16), within range.
  let after: number;
  let limit: number;
  try {
    after = wholeParameter(url.searchParams, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0, what: 'a sequence number' });
    limit = wholeParameter(url.searchParams, 'limit', { min: 1, max: MAX_BATCH, fallback: MAX_BATCH, what: 'a batch size' });
  } catch (e) {
    if (refuseParameter(res, e)) return;
    throw e;
  }
  const rows = await dataSource
    .getRepository(AuditRecord)
    .createQueryBuilder('a')
    .select(['a.seq', 'a.at', 'a.agency', 'a.operation', 'a.entityType', 'a.entityId', 'a.version', 'a.after', 'a.source'])
    .where('a.seq > :after', { after })
    .orderBy('a.seq', 'ASC')
    .limit(limit)
    .getMany();
  const byType = new Map(searched.map((e) => [e.name, e]));
  const changes: FeedChange[] = rows.map((row) => {
    const entity = byType.get(row.entityType);
    return entity ? { ...row, terms: searchTerms([entity], { [familyOf(entity).family]: [row.after] }) } : row;
  });
  sendJson(res, 200, { changes });
}
