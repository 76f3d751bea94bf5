import { MicroSegError, notFound } from '@microseg/errors';
import {
  type RequestServer,
  connectNats,
  defineRequest,
  request,
  serveAuthenticated,
  serveRequests,
} from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { natsUrl, uniqueSuffix } from './env.ts';

const suffix = uniqueSuffix();
const getDataset = defineRequest({
  subject: `microseg.test${suffix}.v1.get`,
  request: z.object({ id: z.string().min(1) }),
  response: z.object({ id: z.string(), name: z.string(), principal: z.string() }),
});
const unserved = defineRequest({
  subject: `microseg.test${suffix}.v1.unserved`,
  request: z.object({}),
  response: z.object({}),
});

describe('request/reply over NATS', () => {
  let nc: NatsConnection;
  const servers: RequestServer[] = [];
  let handled = 0;

  beforeAll(async () => {
    nc = await connectNats({ url: natsUrl, name: 'request-reply-test' });
    const handler = async (
      { id }: { id: string },
      { headers }: { headers: Record<string, string> },
    ) => {
      handled++;
      if (id === 'missing') throw notFound('dataset', id);
      if (id === 'bug') throw new TypeError('cannot read x of undefined');
      if (id === 'bad-response') return { id } as never;
      return { id, name: `dataset ${id}`, principal: headers['x-principal'] ?? 'none' };
    };
    servers.push(serveRequests(nc, getDataset, handler), serveRequests(nc, getDataset, handler));
    await nc.flush();
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await nc.drain();
  });

  it('answers a valid request and passes the caller metadata to the handler', async () => {
    const reply = await request(
      nc,
      getDataset,
      { id: 'd1' },
      { headers: { 'x-principal': 'group-1:admin' } },
    );
    expect(reply).toEqual({ id: 'd1', name: 'dataset d1', principal: 'group-1:admin' });
  });

  it('carries the MicroSegError the handler threw back to the caller', async () => {
    const error = await request(nc, getDataset, { id: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicroSegError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      retryable: false,
      details: { what: 'dataset', id: 'missing' },
    });
  });

  it('turns a handler bug or a response that breaks the contract into INTERNAL', async () => {
    const bug = await request(nc, getDataset, { id: 'bug' }).catch((e: unknown) => e);
    expect(bug).toMatchObject({ code: 'INTERNAL' });
    expect((bug as Error).message).not.toContain('undefined');
    await expect(request(nc, getDataset, { id: 'bad-response' })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });

  it('refuses an invalid request before sending, and the server refuses one sent around the contract', async () => {
    await expect(request(nc, getDataset, { id: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const raw = await nc.request(getDataset.subject, new TextEncoder().encode('{"id":42}'), {
      timeout: 2_000,
    });
    expect(raw.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('reports a subject nobody serves as retryable UNAVAILABLE', async () => {
    await expect(request(nc, unserved, {}, { timeoutMs: 1_000 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
  });

  it('answers each request once across the replicas of a queue group', async () => {
    const before = handled;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(nc, getDataset, { id: `d${i}` })),
    );
    expect(replies.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `d${i}`));
    expect(handled - before).toBe(20);
  });
});

describe('requests served for verified callers only', () => {
  let nc: NatsConnection;
  let server: RequestServer;
  const seen: { principal: string; headers: Record<string, string> }[] = [];
  const whoAmI = defineRequest({
    subject: `microseg.test${suffix}.v1.who-am-i`,
    request: z.object({ n: z.number() }),
    response: z.object({ principal: z.string() }),
  });
  // Stands in for the signed principal tokens: only "valid:<name>" passes.
  const verifier = {
    header: 'x-caller',
    verify(headers: Readonly<Record<string, string>>): string {
      const caller = headers['x-caller'];
      if (!caller?.startsWith('valid:')) throw new MicroSegError('UNAUTHENTICATED', 'the call carries no valid principal');
      return caller.slice('valid:'.length);
    },
  };

  beforeAll(async () => {
    nc = await connectNats({ url: natsUrl, name: 'authenticated-request-test' });
    server = serveAuthenticated(
      nc,
      whoAmI,
      (_request, { principal, headers }) => {
        seen.push({ principal, headers });
        return { principal };
      },
      { verifier },
    );
    await nc.flush();
  });
  afterAll(async () => {
    await server.stop();
    await nc.drain();
  });

  it('hands the handler the verified principal, never the header it came in', async () => {
    const reply = await request(nc, whoAmI, { n: 1 }, { headers: { 'x-caller': 'valid:ada', 'x-request': 'r1' } });
    expect(reply).toEqual({ principal: 'ada' });
    expect(seen.at(-1)).toEqual({ principal: 'ada', headers: { 'x-request': 'r1' } });
  });

  it('refuses an unverified caller before looking at the request, as UNAUTHENTICATED', async () => {
    const before = seen.length;
    await expect(request(nc, whoAmI, { n: 1 }, { headers: { 'x-caller': 'forged:ada' } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const raw = await nc.request(whoAmI.subject, new TextEncoder().encode('not json'), { timeout: 2_000 });
    expect(raw.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(seen.length).toBe(before);
  });
});
