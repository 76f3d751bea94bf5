import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEBHOOK_RETRIES,
  assertModelFitsDataset,
  computeDriftReport,
  nextRetryDelay,
  policiesForImage,
  signWebhook,
  verifyWebhook,
} from './index.ts';

const classes = (...indices: number[]) => indices.map((index) => ({ index, name: `c${index}` }));

describe('model and dataset classes', () => {
  it('accepts a model predicting exactly the dataset classes, binary models for two-class datasets', () => {
    expect(() => assertModelFitsDataset({ classes: classes(0, 1, 2), binary: false }, { classes: classes(2, 1, 0) })).not.toThrow();
    expect(() => assertModelFitsDataset({ classes: classes(0, 1), binary: true }, { classes: classes(0, 1) })).not.toThrow();
  });

  it('refuses a mismatch naming the missing and extra classes', () => {
    let error: unknown;
    try {
      assertModelFitsDataset({ classes: classes(0, 1, 3), binary: false }, { classes: classes(0, 1, 2) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).details).toMatchObject({ problem: 'class-mismatch', missing: [2], extra: [3] });
  });
});

describe('policy matching', () => {
  const group = '11111111-1111-4111-8111-111111111111';
  const policies = [
    { id: 'a', groupId: group, datasetId: 'd1', paused: false },
    { id: 'b', groupId: group, datasetId: 'd1', paused: true },
    { id: 'c', groupId: group, datasetId: 'd2', paused: false },
    { id: 'd', groupId: 'other', datasetId: 'd1', paused: false },
  ];
  it('triggers the active policies of the image dataset and group only', () => {
    expect(policiesForImage(policies, { datasetId: 'd1', groupId: group }).map((p) => p.id)).toEqual(['a']);
  });
});

describe('webhook signatures', () => {
  const body = JSON.stringify({ limsId: 'S-1' });
  it('verifies what it signs within the replay window', () => {
    const header = signWebhook('secret', body, 1_000);
    expect(verifyWebhook('secret', body, header, 1_100)).toEqual({ valid: true });
  });
  it('refuses a changed body, another secret, an old timestamp and garbage', () => {
    const header = signWebhook('secret', body, 1_000);
    expect(verifyWebhook('secret', `${body} `, header, 1_000)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhook('other', body, header, 1_000)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhook('secret', body, header, 1_000 + 301)).toEqual({ valid: false, reason: 'expired' });
    expect(verifyWebhook('secret', body, 't=x,v1=zz', 1_000)).toEqual({ valid: false, reason: 'malformed' });
  });
});

describe('retry schedule', () => {
  it('doubles up to the cap and dead-letters after the last attempt', () => {
    const schedule = { maxAttempts: 4, baseMs: 100, maxMs: 300 };
    expect([1, 2, 3, 4].map((attempt) => nextRetryDelay(schedule, attempt))).toEqual([100, 200, 300, null]);
    expect(nextRetryDelay(DEFAULT_WEBHOOK_RETRIES, 1, 0.5)).toBe(1_100);
  });
});

describe('drift report', () => {
  it('compares matched images per class and pools deltas per dataset', () => {
    const report = computeDriftReport(
      [
        { imageId: 'i1', classes: [{ class: 1, count: 10, areaFraction: 0.2, meanArea: 5 }], meanThickness: null },
        { imageId: 'i2', classes: [{ class: 1, count: 4, areaFraction: 0.1, meanArea: 2 }], meanThickness: 3 },
      ],
      [
        { imageId: 'i1', classes: [{ class: 1, count: 12, areaFraction: 0.25, meanArea: 6 }], meanThickness: null },
        { imageId: 'i3', classes: [], meanThickness: null },
      ],
    );
    expect(report.images).toHaveLength(1);
    expect(report.images[0]!.classes[0]).toMatchObject({ class: 1, count: { delta: 2 }, meanArea: { delta: 1 } });
    expect(report.images[0]!.classes[0]!.areaFraction.delta).toBeCloseTo(0.05, 12);
    expect(report.unmatched).toEqual({ onlyOld: ['i2'], onlyNew: ['i3'] });
    expect(report.dataset).toEqual([{ class: 1, countDelta: 2, meanAbsAreaFractionDelta: expect.closeTo(0.05, 12), images: 1 }]);
  });
});
