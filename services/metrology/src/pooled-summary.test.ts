import { describe, expect, it } from 'vitest';
import { type PoolableMeasurement, poolMeasurements, pooledUncertainty } from './pooled-summary.ts';

function measurement(
  areas: number[],
  overrides: Partial<PoolableMeasurement> = {},
): PoolableMeasurement {
  return {
    source: 'ground_truth',
    modelVersionId: null,
    unit: 'px',
    status: 'succeeded',
    pixels: 100,
    particles: [
      {
        class: 1,
        pixelCount: areas.reduce((a, b) => a + b, 0),
        objects: {
          area: areas,
          equivalentDiameter: areas.map((a) => Math.sqrt((4 * a) / Math.PI)),
          touchesBorder: areas.map(() => false),
        },
      },
    ],
    thicknessValues: null,
    uncertainty: null,
    ...overrides,
  };
}

describe('pooled dataset summaries', () => {
  it('pools objects and pixels instead of averaging per-mask averages', () => {
    const [pooled] = poolMeasurements([measurement([10]), measurement([1, 1, 1, 1])], 10);
    const particles = pooled!.particles[0]!;
    expect(particles.count).toBe(5);
    // The per-mask means are 10 and 1 (average 5.5); the pooled mean is 14 / 5.
    expect(particles.meanArea).toBeCloseTo(14 / 5, 12);
    expect(particles.medianArea).toBe(1);
    expect(particles.areaFraction).toBeCloseTo(14 / 200, 12);
    expect(particles.histogram.counts.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('keeps ground truth, each model version and each unit apart, and counts failures', () => {
    const pooled = poolMeasurements(
      [
        measurement([4]),
        measurement([9], { source: 'model', modelVersionId: 'm1' }),
        measurement([], { source: 'model', modelVersionId: 'm1', status: 'failed' }),
        measurement([2], { unit: 'um' }),
      ],
      10,
    );
    expect(
      pooled.map((p) => [p.source, p.modelVersionId, p.unit, p.maskCount, p.failedCount]),
    ).toEqual([
      ['ground_truth', null, 'px', 1, 0],
      ['ground_truth', null, 'um', 1, 0],
      ['model', 'm1', 'px', 1, 1],
    ]);
  });

  it('reports a source whose every measurement failed', () => {
    const pooled = poolMeasurements([measurement([], { status: 'failed' })], 10);
    expect(pooled).toEqual([
      {
        source: 'ground_truth',
        modelVersionId: null,
        unit: 'px',
        maskCount: 0,
        failedCount: 1,
        particles: [],
        thickness: null,
        uncertainty: null,
      },
    ]);
  });

  it('pools thickness values of every layer', () => {
    const [pooled] = poolMeasurements(
      [measurement([], { thicknessValues: [2, 4] }), measurement([], { thicknessValues: [6] })],
      10,
    );
    expect(pooled!.thickness).toMatchObject({ count: 3, mean: 4, median: 4 });
  });

  it('gives each source intervals of its pooled numbers, naming the band its sets share', () => {
    const band = { low: 0.3, high: 0.7, classRule: 'threshold' as const };
    const own = (low: number, high: number) => ({
      coverage: 0.95, method: 'band', probabilityBand: band, thickness: null,
      particles: [{ class: 1, count: { low: 0, high: 9 }, areaFraction: { low, high }, meanArea: null, meanEquivalentDiameter: null, equivalentDiameterPercentiles: {} }],
    });
    const [pooled] = poolMeasurements([measurement([10], { uncertainty: own(0.05, 0.2) }), measurement([10], { uncertainty: own(0.08, 0.12) })], 10);
    // Both images at 0.1: no spread between them; their own intervals moved together.
    expect(pooled!.uncertainty!.particles[0]!.areaFraction).toEqual({ low: 0.065, high: 0.16 });
    expect(pooled!.uncertainty).toMatchObject({ coverage: 0.95, probabilityBand: band });
    expect(pooled!.uncertainty!.method).toMatch(/^pooled over measurement sets.*each set's own: band$/);
    const mixed = pooledUncertainty([measurement([10], { uncertainty: own(0.05, 0.2) }), measurement([4])]);
    expect(mixed.probabilityBand).toBeNull();
    expect(mixed.method).toMatch(/1 of 2 sets have no intervals of their own/);
  });
});
