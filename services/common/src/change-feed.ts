import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlError, sendJson } from '@hsg/core';
import type { DataSource } from 'typeorm';
import { AuditRecord } from './audit';

/** The path every subgraph serves its audit trail on, for the subgraphs that follow it (search). */
export const CHANGE_FEED_PATH = '/_changes';
const MAX_BATCH = 500;

/** One change as the feed sends it: the audit record without the state before. */
export type FeedChange = Omit<AuditRecord, 'before' | 'idempotencyKey' | 'requestHash'>;

/**
 * `GET /_changes?after=<seq>&limit=<n>`: the audit records after a sequence number, oldest first.
 * Followers keep the last sequence number they applied, so each change reaches them once and in
 * order, and a follower that was down catches up from where it stopped.
 */
export async function serveChangeFeed(dataSource: DataSource, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'GET') return graphqlError(res, 405, 'BAD_REQUEST', `Use GET for ${CHANGE_FEED_PATH}.`);
  const after = Number(url.searchParams.get('after') ?? '0');
  const limit = Number(url.searchParams.get('limit') ?? String(MAX_BATCH));
  if (!Number.isSafeInteger(after) || after < 0)
    return graphqlError(res, 400, 'BAD_REQUEST', '"after" must be a sequence number (0 or more).');
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_BATCH) {
    return graphqlError(res, 400, 'BAD_REQUEST', `"limit" must be between 1 and ${MAX_BATCH}.`);
  }
  const rows = await dataSource
    .getRepository(AuditRecord)
    .createQueryBuilder('a')
    .select(['a.seq', 'a.at', 'a.agency', 'a.operation', 'a.entityType', 'a.entityId', 'a.version', 'a.after', 'a.source'])
    .where('a.seq > :after', { after })
    .orderBy('a.seq', 'ASC')
    .limit(limit)
    .getMany();
  sendJson(res, 200, { changes: rows as FeedChange[] });
}
