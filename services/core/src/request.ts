import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The headers the gateway forwards to every subgraph call, so one request is one request everywhere. */
export const FORWARDED_HEADERS = ['authorization', 'x-request-id'] as const;

/** Longest client-sent request id kept; longer (or odd) ones are replaced, so logs stay readable. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * What every resolver may know about the request it serves, built once per request by the
 * process's HTTP layer (see serve): the request id (the client's `x-request-id` when it sent a
 * sane one, else a new one) and the credentials as sent. Verifying the credentials — who is
 * asking, with which rights — belongs here too, in one place, when writes need it; reads are open.
 */
/** Who is asking: anyone (reads are open), or an agency with the scopes and regions its token grants. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'agency';
      agency: string;
      scopes: string[];
      regions: string[];
      /** The token asks that only registered (trusted) documents run under it. */
      trustedDocumentsOnly?: boolean;
    };

export interface RequestInfo {
  requestId: string;
  caller: Caller;
  /** The Authorization header as sent, or null; forwarded by the gateway to the subgraphs. */
  authorization: string | null;
}

export function requestInfo(req: IncomingMessage): RequestInfo {
  const sent = req.headers['x-request-id'];
  const id = Array.isArray(sent) ? sent[0] : sent;
  const authorization = req.headers.authorization;
  return {
    requestId: id && REQUEST_ID.test(id) ? id : randomUUID(),
    caller: { kind: 'anonymous' },
    authorization: authorization ?? null,
  };
}
