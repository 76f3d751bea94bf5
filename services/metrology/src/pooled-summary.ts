import type { MeasurementUncertainty, SourceSummary } from '@microseg/contracts';
import { POOLED_METHOD, logHistogram, pooledMeasurementIntervals, summarise } from '@microseg/metrology';
import type { ObjectColumns } from './mask-analysis.ts';
import { MEASUREMENT_COVERAGE } from './measurement-uncertainty.ts';

/** What pooling needs of one measurement set. */
export interface PoolableMeasurement {
  source: 'ground_truth' | 'model';
  modelVersionId: string | null;
  unit: string;
  status: 'succeeded' | 'failed';
  /** Pixels of the mask: the denominator of pooled area fractions. */
  pixels: number;
  particles: {
    class: number;
    pixelCount: number;
    objects: Pick<ObjectColumns, 'area' | 'equivalentDiameter' | 'touchesBorder'>;
  }[];
  thicknessValues: number[] | null;
  /** The set's own intervals; null for a set measured before intervals. */
  uncertainty: MeasurementUncertainty | null;
}

export type PooledSource = Omit<SourceSummary, 'plots'>;

/**
 * Merges measurement sets per (mask source, model version, unit) by pooling their objects and
 * pixels: the mean size is the mean over every object of every mask, the area fraction the class
 * pixels over all pixels, never an average of per-mask averages. Masks measured in different
 * units are kept apart rather than mixed.
 */
export function poolMeasurements(
  measurements: readonly PoolableMeasurement[],
  histogramBins: number,
): PooledSource[] {
  const groups = new Map<string, PoolableMeasurement[]>();
  for (const m of measurements) {
    const key = JSON.stringify([m.source, m.modelVersionId, m.status === 'failed' ? null : m.unit]);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const failuresOf = (source: string, modelVersionId: string | null) =>
    measurements.filter(
      (m) => m.status === 'failed' && m.source === source && m.modelVersionId === modelVersionId,
    ).length;

  const pooled: PooledSource[] = [];
  for (const members of groups.values()) {
    const succeeded = members.filter((m) => m.status === 'succeeded');
    const first = members[0]!;
    if (succeeded.length === 0) {
      // Only failures of this source: still reported, so a failing pipeline is visible.
      if (
        measurements.some(
          (m) =>
            m.status === 'succeeded' &&
            m.source === first.source &&
            m.modelVersionId === first.modelVersionId,
        )
      )
        continue;
      pooled.push({
        source: first.source,
        modelVersionId: first.modelVersionId,
        unit: 'px',
        maskCount: 0,
        failedCount: members.length,
        particles: [],
        thickness: null,
        uncertainty: null,
      });
      continue;
    }
    pooled.push({
      source: first.source,
      modelVersionId: first.modelVersionId,
      unit: first.unit,
      maskCount: succeeded.length,
      failedCount: failuresOf(first.source, first.modelVersionId),
      particles: poolParticles(succeeded, histogramBins),
      thickness: succeeded.some((m) => m.thicknessValues)
        ? summarise(succeeded.flatMap((m) => m.thicknessValues ?? []))
        : null,
      uncertainty: pooledUncertainty(succeeded),
    });
  }
  return pooled.sort((a, b) =>
    (a.source + (a.modelVersionId ?? '')).localeCompare(b.source + (b.modelVersionId ?? '')),
  );
}

function poolParticles(
  measurements: readonly PoolableMeasurement[],
  bins: number,
): PooledSource['particles'] {
  const pixels = measurements.reduce((total, m) => total + m.pixels, 0);
  const classes = [...new Set(measurements.flatMap((m) => m.particles.map((p) => p.class)))].sort(
    (a, b) => a - b,
  );
  return classes.map((value) => {
    const perMask = measurements.flatMap((m) => m.particles.filter((p) => p.class === value));
    const areas = perMask.flatMap((p) => p.objects.area);
    const diameters = perMask.flatMap((p) => p.objects.equivalentDiameter);
    const interior = perMask.reduce(
      (n, p) => n + p.objects.touchesBorder.filter((touches) => !touches).length,
      0,
    );
    const area = summarise(areas);
    const diameter = summarise(diameters);
    const histogram = logHistogram(diameters, { bins });
    return {
      class: value,
      count: areas.length,
      areaFraction: pixels ? perMask.reduce((n, p) => n + p.pixelCount, 0) / pixels : 0,
      meanArea: area.mean,
      medianArea: area.median,
      stdArea: area.std,
      meanEquivalentDiameter: diameter.mean,
      medianEquivalentDiameter: diameter.median,
      interiorCount: interior,
      histogram: { edges: [...histogram.edges], counts: [...histogram.counts] },
    };
  });
}

/**
 * The pooled numbers' intervals: sampling error across the images and the sets' own intervals
 * moved together (pooledMeasurementIntervals). The band is named when every set shares one.
 */
export function pooledUncertainty(measurements: readonly PoolableMeasurement[]): MeasurementUncertainty {
  const intervals = pooledMeasurementIntervals(
    measurements.map((m) => ({
      totalPixels: m.pixels,
      classes: m.particles.map((p) => ({
        class: p.class,
        count: p.objects.area.length,
        pixelCount: p.pixelCount,
        areas: p.objects.area,
        equivalentDiameters: p.objects.equivalentDiameter,
      })),
      thickness: m.thicknessValues,
      intervals: m.uncertainty,
    })),
    { coverage: MEASUREMENT_COVERAGE },
  );
  const bands = new Set(measurements.map((m) => JSON.stringify(m.uncertainty?.probabilityBand ?? null)));
  const methods = new Set(measurements.map((m) => m.uncertainty?.method ?? null));
  const without = measurements.filter((m) => !m.uncertainty).length;
  const own = methods.size === 1 && !methods.has(null) ? `each set's own: ${[...methods][0]}` : "each set's own as its method says";
  return {
    coverage: intervals.coverage,
    method: `${POOLED_METHOD}; ${own}${without ? `; ${without} of ${measurements.length} sets have no intervals of their own (measured before intervals) and count with their value alone` : ''}`,
    probabilityBand: bands.size === 1 ? (JSON.parse([...bands][0]!) as MeasurementUncertainty['probabilityBand']) : null,
    particles: intervals.particles.map((p) => ({ ...p, equivalentDiameterPercentiles: { ...p.equivalentDiameterPercentiles } })),
    thickness: intervals.thickness ? { mean: intervals.thickness.mean, percentiles: { ...intervals.thickness.percentiles } } : null,
  };
}
