import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Caller, TokenVerifier } from './auth';

/** Longest client-sent request id kept; longer (or odd) ones are replaced, so logs stay readable. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * What every resolver may know about the request it serves, built once per request by the
 * process's HTTP layer (see serve): the request id (the client's `x-request-id` when it sent a
 * sane one, else a new one), the credentials as sent, and who is asking — decided here, once, by
 * verifying those credentials. The gateway and every subgraph verify the same header themselves.
 */
export interface RequestInfo {
  requestId: string;
  /** The Authorization header as sent, or null; forwarded by the gateway to the subgraphs. */
  authorization: string | null;
  /** Who is asking: anonymous without a token, else the agency the verified token names. */
  caller: Caller;
}

/** The client's request id when it sent a sane one, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  const id = Array.isArray(sent) ? sent[0] : sent;
  return id && REQUEST_ID.test(id) ? id : randomUUID();
}

/** Throws AuthenticationError for a token that is present but unusable. */
export async function requestInfo(req: IncomingMessage, requestId: string, verify: TokenVerifier): Promise<RequestInfo> {
  const authorization = req.headers.authorization ?? null;
  return { requestId, authorization, caller: await verify(authorization) };
}
