import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { createProxyServer } from 'http-proxy-3';
import sirv from 'sirv';

export interface ConsoleServerOptions {
  /** The built app: index.html and assets/. */
  distDir: string;
  gatewayUrl: string;
  host: string;
  port: number;
  logger: Logger;
}

export interface RunningConsoleServer {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/**
 * Serves the built console and forwards /graphql (queries over HTTP, subscriptions over WebSocket)
 * to the gateway. One origin for the page and its API: no CORS to configure on the gateway, and
 * the same in a cluster, where only GATEWAY_URL changes.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningConsoleServer> {
  const { logger } = options;
  if (!existsSync(join(options.distDir, 'index.html'))) {
    throw new MicroSegError('UNAVAILABLE', `the console is not built: no index.html in ${options.distDir} (run pnpm --filter @microseg/console build)`);
  }
  const proxy = createProxyServer({ target: options.gatewayUrl, ws: true, xfwd: true });
  proxy.on('error', (error, _request, response) => {
    logger.warn({ err: error }, 'gateway not reachable');
    // A WebSocket upgrade hands over a socket, not a response; only HTTP answers get the JSON error.
    if (response && 'writeHead' in response && !response.headersSent) {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'the GraphQL gateway is not reachable', extensions: { code: 'UNAVAILABLE', retryable: true } }] }));
    }
  });
  // Hashed asset names never change content, so they are cached for good; index.html never is.
  const assets = sirv(options.distDir, {
    single: true,
    etag: true,
    setHeaders: (response, pathname) => {
      response.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/graphql') {
      proxy.web(request, response);
      return;
    }
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"up"}');
      return;
    }
    assets(request, response, () => {
      response.writeHead(404).end();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if ((request.url ?? '').split('?')[0] === '/graphql') proxy.ws(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        proxy.close();
      }),
  };
}
