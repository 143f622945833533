import path from 'node:path';
import { REPO_ROOT } from '@hsg/core';
import type { GatewayOptions } from '@hsg/gateway';
import { startStack, urlsOf, type Stack } from './stack';

/**
 * The subgraphs that own records (not those that follow their change feeds, such as search, which
 * catch up on every record before they serve) and the gateway, over the real seeds: for tests of
 * the HTTP surface that never ask the followers. A part only a follower answers is
 * SUBGRAPH_UNAVAILABLE here; use startStack for those.
 */
export const startOwnersStack = (gateway: Partial<GatewayOptions> = {}): Promise<Stack> =>
  startStack(path.join(REPO_ROOT, 'seeds'), gateway, { followers: false });

/** The gateway's subgraph URLs of an owners stack (a closed port for the subgraphs it leaves out). */
export const ownerUrlsOf = (stack: Stack) => urlsOf(stack.subgraphs);
