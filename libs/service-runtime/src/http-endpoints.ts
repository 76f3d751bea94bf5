import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Readiness } from './readiness.ts';

/**
 * The probe and metrics endpoints of a service process: `/healthz` (the process runs),
 * `/readyz` (its dependencies answer; 503 otherwise, with the failing checks), `/metrics`.
 */
export async function startHttpEndpoints(options: {
  port: number;
  /** Loopback unless told: probes and metrics are for the cluster, not for whoever can reach the machine. */
  host?: string;
  readiness: Readiness;
  registry: Registry;
  /** Registries of libraries shared by the process (messaging's job metrics), served after the service's own. */
  libraryRegistries?: readonly Registry[];
}): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const reply = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type }).end(body);
    };
    switch (path) {
      case '/healthz':
        reply(200, JSON.stringify({ status: 'ok' }));
        return;
      case '/readyz':
        void options.readiness.evaluate().then((checks) => {
          const ready = checks.every((check) => check.ok);
          reply(ready ? 200 : 503, JSON.stringify({ ready, checks }));
        });
        return;
      case '/metrics':
        void Promise.all([options.registry, ...(options.libraryRegistries ?? [])].map((registry) => registry.metrics())).then(
          (texts) => reply(200, texts.join('\n'), options.registry.contentType),
          () => reply(500, '{"error":"metrics unavailable"}'),
        );
        return;
      default:
        reply(404, JSON.stringify({ error: 'not found' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
