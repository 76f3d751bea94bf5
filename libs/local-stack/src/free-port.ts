import { createServer } from 'node:net';

/**
 * A TCP port on `host` that nothing listens on right now. Another process may take it before the
 * caller binds, so callers that can should bind port 0 themselves; servers we spawn cannot.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}
