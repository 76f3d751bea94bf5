import { connectNats, defineNotice, publishConfirmedNotice, subscribeNotices } from '@microseg/messaging';
import type { NatsConnection, Subscription } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { natsUrl, uniqueSuffix } from './env.ts';

const forget = defineNotice({ subject: `microseg.test${uniqueSuffix()}.v1.forget`, schema: z.object({ scope: z.string() }) });

describe('confirmed notices', () => {
  let owner: NatsConnection;
  let holder: NatsConnection;
  const heard: string[] = [];
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    owner = await connectNats({ url: natsUrl, name: 'confirmed-notice-owner' });
    holder = await connectNats({ url: natsUrl, name: 'confirmed-notice-holder' });
    for (const instance of ['a', 'b']) {
      subscriptions.push(subscribeNotices(holder, forget, ({ scope }) => heard.push(`${instance}:${scope}`), () => undefined, { confirmAs: instance }));
    }
    // A plain subscriber hears the notice and confirms nothing.
    subscriptions.push(subscribeNotices(holder, forget, ({ scope }) => heard.push(`plain:${scope}`), () => undefined));
    await holder.flush();
  });
  afterAll(async () => {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await owner.drain();
    await holder.drain();
  });

  it('answers once every expected instance has acted on the notice', async () => {
    const started = performance.now();
    const confirmed = await publishConfirmedNotice(owner, forget, { scope: 'g1' }, { expected: new Set(['a', 'b']), timeoutMs: 30_000 });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(confirmed).toEqual(new Set(['a', 'b']));
    expect(heard).toEqual(expect.arrayContaining(['a:g1', 'b:g1', 'plain:g1']));
  });

  it('answers with who did confirm when an expected instance does not, once the timeout has passed', async () => {
    const started = performance.now();
    const confirmed = await publishConfirmedNotice(owner, forget, { scope: 'g2' }, { expected: new Set(['a', 'gone']), timeoutMs: 300 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(299);
    expect(confirmed.has('a')).toBe(true);
    expect(confirmed.has('gone')).toBe(false);
  });

  it('does not wait when nobody is expected, and still delivers the notice', async () => {
    await publishConfirmedNotice(owner, forget, { scope: 'g3' }, { expected: new Set(), timeoutMs: 30_000 });
    await holder.flush();
    await owner.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toContain('a:g3');
  });
});
