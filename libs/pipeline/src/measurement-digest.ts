import type { MeasurementDigest } from './drift-report.ts';

/** The parts of a metrology measurement set a drift report reads. */
export interface MeasuredSet {
  imageId: string;
  status: string;
  profileHash: string;
  completedAt: string;
  particles: readonly { class: number; count: number; areaFraction: number; area: { mean: number | null } }[];
  thickness: { thickness: { mean: number | null } } | null;
}

export function measurementDigest(set: MeasuredSet): MeasurementDigest {
  return {
    imageId: set.imageId,
    classes: set.particles.map((p) => ({ class: p.class, count: p.count, areaFraction: p.areaFraction, meanArea: p.area.mean })),
    meanThickness: set.thickness?.thickness.mean ?? null,
  };
}

/**
 * The set of one image a comparison uses: the newest succeeded one, preferring the profile the
 * other side was measured with so old and new are measured alike (a profile change is no drift).
 */
export function comparableSet<S extends MeasuredSet>(sets: readonly S[], profileHash?: string): S | undefined {
  const succeeded = sets.filter((s) => s.status === 'succeeded').sort((a, b) => b.completedAt.localeCompare(a.completedAt));
  return succeeded.find((s) => s.profileHash === profileHash) ?? succeeded[0];
}
