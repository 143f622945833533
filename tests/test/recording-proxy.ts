import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback proxy in front of one subgraph that records the headers and the body each call arrives with. */
export async function recordingProxy(
  target: string,
): Promise<{ url: string; seen: IncomingHttpHeaders[]; bodies: string[]; close: () => Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const bodies: string[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    const chunks: Buffer[] = [];
    const at = bodies.push('') - 1;
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => (bodies[at] = Buffer.concat(chunks).toString('utf8')));
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: upstream.pathname, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    bodies,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
