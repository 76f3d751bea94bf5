/** What a drift report compares per image: the headline numbers of one measurement set. */
export interface MeasurementDigest {
  imageId: string;
  classes: { class: number; count: number; areaFraction: number; meanArea: number | null }[];
  meanThickness: number | null;
}

export interface ClassDrift {
  class: number;
  count: { old: number; new: number; delta: number };
  areaFraction: { old: number; new: number; delta: number };
  meanArea: { old: number | null; new: number | null; delta: number | null };
}

export interface ImageDrift {
  imageId: string;
  classes: ClassDrift[];
  meanThickness: { old: number | null; new: number | null; delta: number | null };
}

export interface DriftReport {
  images: ImageDrift[];
  /** Images measured by one version only (failed or not yet measured by the other). */
  unmatched: { onlyOld: string[]; onlyNew: string[] };
  /** Per class over the matched images: total count delta and mean absolute area-fraction delta. */
  dataset: { class: number; countDelta: number; meanAbsAreaFractionDelta: number; images: number }[];
}

const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/** Old vs new measurements of the same images (e.g. before and after an alias moved). */
export function computeDriftReport(old: readonly MeasurementDigest[], current: readonly MeasurementDigest[]): DriftReport {
  const oldById = new Map(old.map((m) => [m.imageId, m]));
  const newById = new Map(current.map((m) => [m.imageId, m]));
  const images: ImageDrift[] = [];
  for (const next of current) {
    const before = oldById.get(next.imageId);
    if (!before) continue;
    const classIds = [...new Set([...before.classes, ...next.classes].map((c) => c.class))].sort((a, b) => a - b);
    images.push({
      imageId: next.imageId,
      classes: classIds.map((id) => {
        const a = before.classes.find((c) => c.class === id) ?? { count: 0, areaFraction: 0, meanArea: null };
        const b = next.classes.find((c) => c.class === id) ?? { count: 0, areaFraction: 0, meanArea: null };
        return {
          class: id,
          count: { old: a.count, new: b.count, delta: b.count - a.count },
          areaFraction: { old: a.areaFraction, new: b.areaFraction, delta: b.areaFraction - a.areaFraction },
          meanArea: { old: a.meanArea, new: b.meanArea, delta: difference(a.meanArea, b.meanArea) },
        };
      }),
      meanThickness: { old: before.meanThickness, new: next.meanThickness, delta: difference(before.meanThickness, next.meanThickness) },
    });
  }
  const perClass = new Map<number, { countDelta: number; absAreaFraction: number; images: number }>();
  for (const image of images) {
    for (const c of image.classes) {
      const entry = perClass.get(c.class) ?? { countDelta: 0, absAreaFraction: 0, images: 0 };
      entry.countDelta += c.count.delta;
      entry.absAreaFraction += Math.abs(c.areaFraction.delta);
      entry.images += 1;
      perClass.set(c.class, entry);
    }
  }
  return {
    images,
    unmatched: {
      onlyOld: old.filter((m) => !newById.has(m.imageId)).map((m) => m.imageId),
      onlyNew: current.filter((m) => !oldById.has(m.imageId)).map((m) => m.imageId),
    },
    dataset: [...perClass.entries()]
      .sort(([a], [b]) => a - b)
      .map(([id, e]) => ({ class: id, countDelta: e.countDelta, meanAbsAreaFractionDelta: e.absAreaFraction / e.images, images: e.images })),
  };
}
