import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startHttpEndpoints } from './http-endpoints.ts';
import { Readiness } from './readiness.ts';

describe('probe and metrics endpoints', () => {
  it('listen on loopback unless told otherwise (HTTP_HOST), so only the machine itself reads them', async () => {
    const { server, port } = await startHttpEndpoints({ port: 0, readiness: new Readiness(), registry: new Registry() });
    try {
      expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('listen where HTTP_HOST says, as in a pod', async () => {
    const { server } = await startHttpEndpoints({ port: 0, host: '0.0.0.0', readiness: new Readiness(), registry: new Registry() });
    try {
      expect((server.address() as AddressInfo).address).toBe('0.0.0.0');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
