import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '@microseg/logging';
import { NO_ALLOWED_NETWORKS, OutboundPolicy, type Resolver, parseAllowedNetworks } from '@microseg/network-policy';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookMetrics } from './webhook-metrics.ts';
import { WebhookSender } from './webhook-sender.ts';
import type { AttemptRecord, DeliveryTarget } from './webhook.repository.ts';

/** The two repository calls the sender makes, kept in memory. */
function deliveries(url: string) {
  const recorded: { attempt: AttemptRecord; state: string }[] = [];
  const target: DeliveryTarget = { deliveryId: 'd1', url, secret: 'whsec_test', event: 'measurement.completed', body: '{"id":"d1"}', state: 'pending' };
  return {
    recorded,
    repository: {
      target: async () => target,
      recordAttempt: async (_id: string, attempt: AttemptRecord, state: string) => {
        recorded.push({ attempt, state });
      },
    },
  };
}

/** A DNS that answers each name with the next address of its list: the second answer of a rebinding name differs. */
function rebindingDns(...answers: string[]): Resolver & { calls: number } {
  const resolver = Object.assign(async () => {
    const address = answers[Math.min(resolver.calls++, answers.length - 1)]!;
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  }, { calls: 0 });
  return resolver;
}

describe('WebhookSender', () => {
  const received: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    received.push({ path: req.url ?? '', headers: req.headers });
    if (req.url === '/moved') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else res.writeHead(204).end();
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const strict = new OutboundPolicy(NO_ALLOWED_NETWORKS);
  const loopbackAllowed = new OutboundPolicy(parseAllowedNetworks('127.0.0.0/8'));
  const sender = (repository: ReturnType<typeof deliveries>['repository'], policy: OutboundPolicy, resolver: Resolver) =>
    new WebhookSender(repository, { timeoutMs: 5_000, maxAttempts: 3, policy, resolver, metrics }, silentLogger);
  const registry = new Registry();
  const metrics = new WebhookMetrics(registry);
  const attempts = async (outcome: string) => {
    const text = await registry.getSingleMetricAsString('microseg_webhook_attempts_total');
    return Number(/\{event="measurement\.completed",outcome="(\w+)"\} (\d+)/g.exec(text.split('\n').find((line) => line.includes(`outcome="${outcome}"`)) ?? '')?.[2] ?? 0);
  };

  it('refuses a name that resolves to loopback at delivery: recorded as refused with its rule, nothing sent, no retry', async () => {
    const before = received.length;
    const { recorded, repository } = deliveries(`http://lims.example.org:${port}/in`);
    await sender(repository, strict, rebindingDns('127.0.0.1')).send('d1', 1);
    expect(recorded).toEqual([{ state: 'refused', attempt: expect.objectContaining({ attempt: 1, statusCode: null, refusedRule: 'loopback', error: expect.stringMatching(/^refused: lims\.example\.org resolves to 127\.0\.0\.1/) }) }]);
    expect(received.length).toBe(before);
    expect(await attempts('refused')).toBe(1);
  });

  it('refuses a stored literal loopback URL without resolving it', async () => {
    const { recorded, repository } = deliveries(`http://127.1:${port}/in`);
    const dns = rebindingDns('93.184.216.34');
    await sender(repository, strict, dns).send('d1', 1);
    expect(recorded[0]).toMatchObject({ state: 'refused', attempt: { refusedRule: 'loopback' } });
    expect(dns.calls).toBe(0);
  });

  it('connects to the address it vetted, whatever a second resolution would answer (DNS rebinding)', async () => {
    const { recorded, repository } = deliveries(`http://lims.rebinding.invalid:${port}/in`);
    // Vetted 127.0.0.1 (allowed here); had the request resolved again it would be told 169.254.169.254.
    const dns = rebindingDns('127.0.0.1', '169.254.169.254');
    await sender(repository, loopbackAllowed, dns).send('d1', 1);
    expect(dns.calls).toBe(1);
    expect(recorded).toEqual([{ state: 'delivered', attempt: expect.objectContaining({ statusCode: 204, error: null, refusedRule: null }) }]);
    expect(received.at(-1)).toMatchObject({ path: '/in', headers: { host: `lims.rebinding.invalid:${port}`, 'microseg-delivery': 'd1' } });
  });

  it('follows no redirect: a 3xx fails the attempt, to be retried', async () => {
    const before = received.length;
    const { recorded, repository } = deliveries(`http://127.0.0.1:${port}/moved`);
    await expect(sender(repository, loopbackAllowed, rebindingDns()).send('d1', 1)).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(recorded).toEqual([{ state: 'pending', attempt: expect.objectContaining({ statusCode: 302, error: 'answered 302', refusedRule: null }) }]);
    expect(received.length).toBe(before + 1);
  });

  it('retries a name that cannot be resolved yet, and dead-letters it on the last attempt', async () => {
    const unknown: Resolver = () => Promise.reject(new Error('getaddrinfo ENOTFOUND lims.example.org'));
    const first = deliveries('http://lims.example.org/in');
    await expect(sender(first.repository, strict, unknown).send('d1', 1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(first.recorded[0]).toMatchObject({ state: 'pending', attempt: { statusCode: null, error: expect.stringMatching(/unreachable: .*ENOTFOUND/) } });
    const last = deliveries('http://lims.example.org/in');
    await sender(last.repository, strict, unknown).send('d1', 3);
    expect(last.recorded[0]).toMatchObject({ state: 'dead' });
  });

  it('ends a resolution that hangs at the attempt deadline', async () => {
    const { recorded, repository } = deliveries('http://lims.example.org/in');
    const hanging: Resolver = () => new Promise(() => undefined);
    const quick = new WebhookSender(repository, { timeoutMs: 200, maxAttempts: 1, policy: strict, resolver: hanging }, silentLogger);
    await quick.send('d1', 1);
    expect(recorded[0]).toMatchObject({ state: 'dead', attempt: { error: 'no answer within 200 ms' } });
  });
});
