import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The address a request comes from. Behind a proxy every connection is the proxy's, so when the
 * socket's peer is one of `trustedProxies` (addresses, CIDR ranges, loopback…) the client is the
 * nearest untrusted hop of X-Forwarded-For, read right to left as the proxies appended it.
 * With no trusted proxies the header is ignored: a client could otherwise name any address.
 */
export function clientAddress(trustedProxies: string[] = []): (req: IncomingMessage) => string {
  const trust = proxyaddr.compile(trustedProxies);
  // A socket already closed has no peer; its request is counted under one name rather than refused.
  return (req) => String(proxyaddr(req, trust));
}
