import type { SourceSummary } from '@microseg/contracts';
import { logHistogram, summarise } from '@microseg/metrology';
import type { ObjectColumns } from './mask-analysis.ts';

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
