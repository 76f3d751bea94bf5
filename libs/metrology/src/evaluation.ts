import { invalidInput } from '@microseg/errors';
import type { Connectivity } from './connected-components.ts';
import { type IndexMask, classValuesOf } from './index-mask.ts';
import { analyseParticles } from './particles.ts';
import type { PixelSize, ResultUnit } from './pixel-size.ts';

export interface EvaluationOptions {
  /** Classes to score; default: every non-zero value in either mask. */
  classes?: readonly number[];
  /** Connectivity of the particle counts compared; default 8. */
  connectivity?: Connectivity;
  pixelSize?: PixelSize;
}

/** A quantity measured on the prediction and on the truth; error = predicted - truth. */
export interface Comparison {
  readonly predicted: number | null;
  readonly truth: number | null;
  readonly error: number | null;
  /** error / truth; null when the truth is 0 or unknown. */
  readonly relativeError: number | null;
}

export interface ClassEvaluation {
  readonly class: number;
  /** TP / (TP + FP + FN); 1 when the class is absent from both masks (nothing to get wrong). */
  readonly iou: number;
  /** TP / (TP + FP); 1 when nothing was predicted. */
  readonly precision: number;
  /** TP / (TP + FN); 1 when the truth holds none. */
  readonly recall: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly count: Comparison;
  readonly areaFraction: Comparison;
  /** Mean particle area, in unit². */
  readonly meanArea: Comparison;
  /** Mean equivalent diameter, in unit. */
  readonly meanEquivalentDiameter: Comparison;
}

export interface SegmentationEvaluation {
  readonly width: number;
  readonly height: number;
  readonly unit: ResultUnit;
  readonly classes: readonly ClassEvaluation[];
  /** Mean of the per-class IoU; null when no class is scored. */
  readonly meanIoU: number | null;
}

/**
 * Scores a predicted index mask against the ground truth, per class: pixel IoU, precision and recall
 * (each class a binary mask, the paper's IoU at threshold 0.5 on hard labels), and the errors a
 * microstructure measurement would make: particle count, area fraction and mean particle size.
 */
export function evaluateSegmentation(
  predicted: IndexMask,
  truth: IndexMask,
  options: EvaluationOptions = {},
): SegmentationEvaluation {
  assertSameSize(predicted, truth);
  const classes =
    options.classes ??
    [...new Set([...classValuesOf(predicted), ...classValuesOf(truth)])]
      .filter((value) => value !== 0)
      .sort((a, b) => a - b);
  const confusion = confusionCounts(predicted, truth, classes);
  const particleOptions = {
    classes,
    connectivity: options.connectivity,
    pixelSize: options.pixelSize,
  };
  const predictedParticles = analyseParticles(predicted, particleOptions);
  const truthParticles = analyseParticles(truth, particleOptions);

  const evaluations = classes.map((value, i): ClassEvaluation => {
    const tp = confusion.truePositives[i]!;
    const fp = confusion.falsePositives[i]!;
    const fn = confusion.falseNegatives[i]!;
    const mine = predictedParticles.classes[i]!;
    const theirs = truthParticles.classes[i]!;
    return {
      class: value,
      iou: ratioOrOne(tp, tp + fp + fn),
      precision: ratioOrOne(tp, tp + fp),
      recall: ratioOrOne(tp, tp + fn),
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      count: compare(mine.count, theirs.count),
      areaFraction: compare(mine.areaFraction, theirs.areaFraction),
      meanArea: compare(mine.area.mean, theirs.area.mean),
      meanEquivalentDiameter: compare(mine.equivalentDiameter.mean, theirs.equivalentDiameter.mean),
    };
  });
  const meanIoU = evaluations.length
    ? evaluations.reduce((sum, e) => sum + e.iou, 0) / evaluations.length
    : null;
  return {
    width: truth.width,
    height: truth.height,
    unit: predictedParticles.unit,
    classes: evaluations,
    meanIoU,
  };
}

export function assertSameSize(predicted: IndexMask, truth: IndexMask): void {
  if (predicted.width !== truth.width || predicted.height !== truth.height) {
    throw invalidInput(
      `prediction is ${predicted.width}x${predicted.height} but the truth is ${truth.width}x${truth.height}`,
      { predicted: [predicted.width, predicted.height], truth: [truth.width, truth.height] },
    );
  }
}

function confusionCounts(predicted: IndexMask, truth: IndexMask, classes: readonly number[]) {
  const slot = new Int32Array(65536).fill(-1);
  classes.forEach((value, i) => (slot[value] = i));
  const truePositives = new Float64Array(classes.length);
  const falsePositives = new Float64Array(classes.length);
  const falseNegatives = new Float64Array(classes.length);
  const p = predicted.data;
  const t = truth.data;
  for (let i = 0; i < p.length; i++) {
    const sp = slot[p[i]!]!;
    const st = slot[t[i]!]!;
    if (sp === st) {
      if (sp >= 0) truePositives[sp]!++;
      continue;
    }
    if (sp >= 0) falsePositives[sp]!++;
    if (st >= 0) falseNegatives[st]!++;
  }
  return { truePositives, falsePositives, falseNegatives };
}

function ratioOrOne(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

function compare(predicted: number | null, truth: number | null): Comparison {
  const error = predicted === null || truth === null ? null : predicted - truth;
  return {
    predicted,
    truth,
    error,
    relativeError: error === null || !truth ? null : error / truth,
  };
}
