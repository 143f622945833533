import { createServer, type AddressInfo } from 'node:net';

/** A loopback port free right now, for a server that must be told its port before it starts (nginx, Redis, a restart). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
