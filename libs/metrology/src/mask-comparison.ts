import { renderAccuracyMap } from './accuracy-map.ts';
import { type EvaluationOptions, type SegmentationEvaluation, evaluateSegmentation } from './evaluation.ts';
import { decodeIndexMask } from './mask-png.ts';

export interface MaskComparison {
  evaluation: SegmentationEvaluation;
  /** The paper's accuracy map (RGB PNG) over the same classes. */
  accuracyMapPng: Buffer;
}

/**
 * A model's index-mask PNG scored against a manual one: the evaluation and the accuracy map, over
 * the same classes (default: every non-zero value in either mask).
 */
export async function compareMaskPngs(
  predictedPng: Uint8Array,
  truthPng: Uint8Array,
  options: EvaluationOptions = {},
): Promise<MaskComparison> {
  const [predicted, truth] = await Promise.all([decodeIndexMask(predictedPng), decodeIndexMask(truthPng)]);
  const evaluation = evaluateSegmentation(predicted, truth, options);
  const accuracyMapPng = await renderAccuracyMap(predicted, truth, evaluation.classes.map((c) => c.class));
  return { evaluation, accuracyMapPng };
}
