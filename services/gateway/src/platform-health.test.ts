import type { ServiceHealth } from '@microseg/contracts';
import { describe, expect, it } from 'vitest';
import { PlatformHealthView } from './platform-health.ts';

const report = (service: string, instance: string, status: ServiceHealth['status'] = 'up', uptimeSeconds = 10): ServiceHealth => ({
  service,
  status,
  version: '1.2.3',
  instance,
  uptimeSeconds,
  checks: [{ name: 'database', ok: status === 'up', detail: 'no answer from microseg.dataset.v1.images.list' }],
});

const ALL = ['identity', 'dataset', 'training', 'inference', 'metrology'];

describe('PlatformHealthView', () => {
  it('is up once every service reported up, and shows each service without a report as down', () => {
    const now = 0;
    const view = new PlatformHealthView(7_000, () => now);
    expect(view.current().status).toBe('down');
    expect(view.current().services.map((s) => [s.service, s.status, s.checks[0]?.detail])).toEqual(ALL.map((s) => [s, 'down', 'no health report yet']));
    for (const service of ALL.slice(0, 4)) view.record(report(service, `${service}-1`));
    expect(view.current().status).toBe('degraded');
    view.record(report('metrology', 'metrology-1'));
    expect(view.current().status).toBe('up');
  });

  it('counts a report only while it is fresh: a silent instance becomes down', () => {
    let now = 0;
    const view = new PlatformHealthView(7_000, () => now);
    view.record(report('dataset', 'dataset-1'));
    now = 6_999;
    expect(view.current().services.find((s) => s.service === 'dataset')?.status).toBe('up');
    now = 7_000;
    const dataset = view.current().services.find((s) => s.service === 'dataset');
    expect(dataset).toMatchObject({ status: 'down', checks: [{ name: 'reporting', ok: false, detail: 'no health report for 7 s' }] });
  });

  it('answers for a service from its healthiest instance, and a stopped instance reports itself down at once', () => {
    let now = 0;
    const view = new PlatformHealthView(7_000, () => now);
    view.record(report('dataset', 'dataset-1', 'degraded'));
    view.record(report('dataset', 'dataset-2', 'up'));
    expect(view.current().services.find((s) => s.service === 'dataset')).toMatchObject({ status: 'up', instance: 'dataset-2' });
    now = 1_000;
    view.record(report('dataset', 'dataset-2', 'down'));
    expect(view.current().services.find((s) => s.service === 'dataset')).toMatchObject({ status: 'degraded', instance: 'dataset-1' });
    view.record(report('dataset', 'dataset-1', 'down'));
    expect(view.current().services.find((s) => s.service === 'dataset')?.status).toBe('down');
  });

  it('keeps internals from callers without a key, and NATS subjects from everyone', () => {
    let now = 0;
    const view = new PlatformHealthView(7_000, () => now);
    view.record(report('dataset', 'dataset-1', 'degraded', 10));
    now = 2_000;
    const dataset = view.current().services.find((s) => s.service === 'dataset');
    expect(dataset).toMatchObject({ version: '1.2.3', instance: 'dataset-1', uptimeSeconds: 12 });
    expect(dataset?.checks[0]?.detail).toBe('no answer from the dataset service');
    const anonymous = view.publicView().services.find((s) => s.service === 'dataset');
    expect(anonymous).toEqual({ service: 'dataset', status: 'degraded', version: null, instance: null, uptimeSeconds: null, checks: [{ name: 'database', ok: false, detail: null }] });
  });

  it('builds its answer once per change, not per query', () => {
    const view = new PlatformHealthView(7_000, () => 0);
    view.record(report('dataset', 'dataset-1'));
    expect(view.current()).toBe(view.current());
    expect(view.publicView()).toBe(view.publicView());
    const before = view.current();
    view.record(report('identity', 'identity-1'));
    expect(view.current()).not.toBe(before);
  });
});
