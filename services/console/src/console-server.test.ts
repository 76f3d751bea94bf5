import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@microseg/logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { type RunningConsoleServer, startConsoleServer } from './console-server.ts';

describe('console server', () => {
  let distDir: string;
  let gateway: Server;
  let gatewayUrl: string;
  let consoleServer: RunningConsoleServer;

  beforeAll(async () => {
    distDir = await mkdtemp(join(tmpdir(), 'console-dist-'));
    await mkdir(join(distDir, 'assets'));
    await writeFile(join(distDir, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(join(distDir, 'assets', 'app-1234.js'), 'export {};');
    // Answers with what it received, so the test sees what the console forwarded.
    gateway = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ path: request.url, authorization: request.headers.authorization, body: Buffer.concat(chunks).toString('utf8') }));
      });
    });
    // Subscriptions: graphql-ws on the same path; this one echoes each message with the subprotocol.
    const sockets = new WebSocketServer({ server: gateway, path: '/graphql' });
    sockets.on('connection', (socket) => socket.on('message', (message: Buffer) => socket.send(`${socket.protocol}:${message.toString('utf8')}`)));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    consoleServer = await startConsoleServer({ distDir, gatewayUrl, host: '127.0.0.1', port: 0, logger: silentLogger });
  });
  afterAll(async () => {
    await consoleServer?.stop();
    await new Promise((resolve) => gateway?.close(resolve));
    await rm(distDir, { recursive: true, force: true });
  });

  it('answers every page URL with the app, so deep links open, and never lets the page be cached', async () => {
    const response = await fetch(new URL('datasets/123?split=Super1%3Atrain', consoleServer.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets browsers keep hashed assets for good', async () => {
    const response = await fetch(new URL('assets/app-1234.js', consoleServer.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('forwards /graphql to the gateway with the key and the body', async () => {
    const response = await fetch(new URL('graphql', consoleServer.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer msk_test' },
      body: '{"query":"{ me { role } }"}',
    });
    expect(await response.json()).toEqual({ path: '/graphql', authorization: 'Bearer msk_test', body: '{"query":"{ me { role } }"}' });
  });

  it('forwards WebSocket subscriptions on /graphql to the gateway', async () => {
    const socket = new WebSocket(new URL('graphql', consoleServer.url.replace('http', 'ws')), 'graphql-transport-ws');
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send('{"type":"connection_init"}'));
      socket.once('message', (message: Buffer) => resolve(message.toString('utf8')));
      socket.once('error', reject);
    });
    socket.close();
    expect(reply).toBe('graphql-transport-ws:{"type":"connection_init"}');
  });

  it('answers a GraphQL error, not a hang, when the gateway is down', async () => {
    // A port that was free a moment ago: nothing answers there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const orphan = await startConsoleServer({ distDir, gatewayUrl: `http://127.0.0.1:${port}`, host: '127.0.0.1', port: 0, logger: silentLogger });
    try {
      const response = await fetch(new URL('graphql', orphan.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAVAILABLE' } }] });
    } finally {
      await orphan.stop();
    }
  });

  it('refuses to start without a build, saying how to make one', async () => {
    await expect(startConsoleServer({ distDir: join(distDir, 'missing'), gatewayUrl, host: '127.0.0.1', port: 0, logger: silentLogger })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
