/** As `gateToleranceSchema` in the contracts (this library stays free of them). */
export interface GateTolerance {
  quantity: 'areaFraction' | 'meanEquivalentDiameter' | 'count' | 'thickness' | 'iou';
  absolute: number | null;
  relative: number | null;
  min: number | null;
}

/** As `gateCheckSchema` in the contracts. */
export interface GateCheck {
  quantity: GateTolerance['quantity'];
  class: number | null;
  className: string | null;
  candidate: number | null;
  reference: number | null;
  difference: number | null;
  relativeDifference: number | null;
  tolerance: { absolute: number | null; relative: number | null; min: number | null };
  passed: boolean;
}

/** One side's particles of one class on one image. */
export interface GateClassSide {
  /** Pixels of the class. */
  pixels: number;
  count: number;
  /** Mean equivalent diameter of its particles in pixels; null without particles. */
  meanEquivalentDiameter: number | null;
}

/** One reference image measured on both sides: the candidate's mask and the reference (ground truth or current version). */
export interface GateImage {
  /** Pixels of the image. */
  pixels: number;
  classes: { class: number; candidate: GateClassSide; reference: GateClassSide; truePositives: number; falsePositives: number; falseNegatives: number }[];
  /** Mean layer thickness and the medial-axis pixels it averages; present when a thickness tolerance is declared. */
  thickness?: { candidate: GateThicknessSide; reference: GateThicknessSide };
}

export interface GateThicknessSide {
  mean: number | null;
  skeletonPixels: number;
}

/** Guards the comparisons against floating-point noise in sums of many pixels. */
const EPSILON = 1e-12;

interface Pooled {
  candidate: number | null;
  reference: number | null;
}

/** A pixel-weighted or particle-weighted mean over images; null when nothing carries weight. */
function weightedMean(pairs: { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const pair of pairs) {
    if (pair.value === null || pair.weight === 0) continue;
    sum += pair.value * pair.weight;
    weight += pair.weight;
  }
  return weight === 0 ? null : sum / weight;
}

/** Each quantity pooled over the reference set, as `promotion-gate.ts` in contracts defines it. */
function pooled(quantity: GateTolerance['quantity'], images: GateImage[], value: number): Pooled {
  const rows = images.map((image) => ({ image, row: image.classes.find((c) => c.class === value) }));
  const side = (pick: (row: GateImage['classes'][number]) => GateClassSide) => {
    switch (quantity) {
      case 'areaFraction': {
        const pixels = images.reduce((sum, image) => sum + image.pixels, 0);
        return pixels === 0 ? null : rows.reduce((sum, { row }) => sum + (row ? pick(row).pixels : 0), 0) / pixels;
      }
      case 'count':
        return rows.reduce((sum, { row }) => sum + (row ? pick(row).count : 0), 0);
      case 'meanEquivalentDiameter':
        return weightedMean(rows.map(({ row }) => (row ? { value: pick(row).meanEquivalentDiameter, weight: pick(row).count } : { value: null, weight: 0 })));
      default:
        throw new Error(`${quantity} is not pooled per class`);
    }
  };
  return { candidate: side((row) => row.candidate), reference: side((row) => row.reference) };
}

function pooledIou(images: GateImage[], value: number): number {
  let tp = 0;
  let wrong = 0;
  for (const image of images) {
    const row = image.classes.find((c) => c.class === value);
    if (!row) continue;
    tp += row.truePositives;
    wrong += row.falsePositives + row.falseNegatives;
  }
  // As the metrology library scores a class absent from both masks: nothing to get wrong.
  return tp + wrong === 0 ? 1 : tp / (tp + wrong);
}

function pooledThickness(images: GateImage[]): Pooled {
  const side = (pick: (t: NonNullable<GateImage['thickness']>) => GateThicknessSide) =>
    weightedMean(images.map((image) => (image.thickness ? { value: pick(image.thickness).mean, weight: pick(image.thickness).skeletonPixels } : { value: null, weight: 0 })));
  return { candidate: side((t) => t.candidate), reference: side((t) => t.reference) };
}

/**
 * Whether a difference is within tolerance. Both sides without a value (no particles on either)
 * agree; one side without a value (particles on one side only) does not. Against a reference of 0,
 * a relative tolerance holds only for a candidate of 0 too.
 */
function check(tolerance: GateTolerance, value: Pooled, cls: { class: number; className: string } | null): GateCheck {
  const base = { quantity: tolerance.quantity, class: cls?.class ?? null, className: cls?.className ?? null, candidate: value.candidate, reference: value.reference };
  const limits = { absolute: tolerance.absolute, relative: tolerance.relative, min: tolerance.min };
  if (value.candidate === null || value.reference === null) {
    return { ...base, difference: null, relativeDifference: null, tolerance: limits, passed: value.candidate === value.reference };
  }
  const difference = value.candidate - value.reference;
  const relativeDifference = value.reference === 0 ? (difference === 0 ? 0 : null) : difference / Math.abs(value.reference);
  const withinAbsolute = tolerance.absolute === null || Math.abs(difference) <= tolerance.absolute + EPSILON;
  const withinRelative = tolerance.relative === null || (relativeDifference !== null && Math.abs(relativeDifference) <= tolerance.relative + EPSILON);
  return { ...base, difference, relativeDifference, tolerance: limits, passed: withinAbsolute && withinRelative };
}

/**
 * The gate's verdict: every declared tolerance checked on every foreground class (thickness once,
 * for the layer of all of them), pooled over the reference images. It passes when every check
 * does and at least one image was compared: a gate that measured nothing proves nothing.
 */
export function judgeGate(input: { tolerances: GateTolerance[]; classes: { index: number; name: string }[]; images: GateImage[] }): { passed: boolean; checks: GateCheck[] } {
  const foreground = input.classes.filter((c) => c.index !== 0).sort((a, b) => a.index - b.index);
  const checks: GateCheck[] = [];
  for (const tolerance of input.tolerances) {
    if (tolerance.quantity === 'thickness') {
      checks.push(check(tolerance, pooledThickness(input.images), null));
      continue;
    }
    for (const cls of foreground) {
      const named = { class: cls.index, className: cls.name };
      if (tolerance.quantity === 'iou') {
        const iou = pooledIou(input.images, cls.index);
        checks.push({
          quantity: 'iou', ...named, candidate: iou, reference: 1, difference: iou - 1, relativeDifference: iou - 1,
          tolerance: { absolute: null, relative: null, min: tolerance.min }, passed: iou + EPSILON >= (tolerance.min ?? 0),
        });
      } else {
        checks.push(check(tolerance, pooled(tolerance.quantity, input.images, cls.index), named));
      }
    }
  }
  return { passed: input.images.length > 0 && checks.every((c) => c.passed), checks };
}
