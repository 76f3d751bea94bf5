import { invalidInput } from '@microseg/errors';
import type { EncoderFeatures } from './encoder-features.ts';

/**
 * The training images' encoder features as a diagonal Gaussian per channel. A full covariance would
 * need more feature vectors than the paper's few-image training sets give (512 to 2048 channels).
 */
export interface FeatureReference {
  dims: number;
  mean: number[];
  variance: number[];
  /** Feature vectors it was fitted on (positions of the deepest map over all training windows). */
  samples: number;
  images: number;
}

/**
 * Added to every channel's variance, as a share of the mean variance: a channel the training images
 * never moved (a dead ReLU) would otherwise make any activation on it an unbounded distance.
 */
const VARIANCE_FLOOR = 0.01;

export function fitFeatureReference(images: readonly EncoderFeatures[]): FeatureReference {
  if (images.length === 0) throw invalidInput('a feature reference needs at least one training image', {});
  const dims = images[0]!.dims;
  if (images.some((f) => f.dims !== dims)) throw invalidInput('feature vectors of different sizes', { dims: images.map((f) => f.dims) });
  const sum = new Float64Array(dims);
  const squares = new Float64Array(dims);
  let samples = 0;
  for (const { vectors, count } of images) {
    for (let i = 0; i < count; i++) {
      for (let d = 0; d < dims; d++) {
        const v = vectors[i * dims + d]!;
        sum[d]! += v;
        squares[d]! += v * v;
      }
    }
    samples += count;
  }
  const mean = Array.from(sum, (s) => s / samples);
  const variance = Array.from(squares, (s, d) => Math.max(0, s / samples - mean[d]! ** 2));
  return { dims, mean, variance, samples, images: images.length };
}

/**
 * How unlike the training images an image is: the mean, over its feature vectors, of their
 * distance to the training features (per channel in training standard deviations, root mean
 * square over channels). About 1 for a training image; it grows with the difference.
 */
export function featureDistance(reference: FeatureReference, features: EncoderFeatures): number {
  const { dims, mean, variance } = reference;
  if (features.dims !== dims) {
    throw invalidInput(`the encoder gives ${features.dims} channels, the reference holds ${dims}`, { dims: features.dims, reference: dims });
  }
  const floor = (VARIANCE_FLOOR * variance.reduce((a, b) => a + b, 0)) / dims + 1e-12;
  const inverse = variance.map((v) => 1 / (v + floor));
  let total = 0;
  for (let i = 0; i < features.count; i++) {
    let squared = 0;
    for (let d = 0; d < dims; d++) squared += (features.vectors[i * dims + d]! - mean[d]!) ** 2 * inverse[d]!;
    total += Math.sqrt(squared / dims);
  }
  return total / features.count;
}

/** The calibration rule: a high quantile of the validation images' scores, times a margin. */
export interface ThresholdRule {
  quantile: number;
  margin: number;
}

/**
 * The 99th percentile of the validation scores (with the paper's few validation images: about
 * their largest) times 1.15. Measured on the benchmark (bench/ood-separation.ts, UNet-ResNet18,
 * Super1 reference): the superalloy test images scored up to 1.02 times the largest validation
 * score, the coating images at least 1.23 times; the margin sits between the two.
 */
export const DEFAULT_THRESHOLD_RULE: ThresholdRule = { quantile: 0.99, margin: 1.15 };

/** Linear-interpolation quantile (numpy's default) of the scores, times the margin. */
export function calibrateThreshold(scores: readonly number[], rule: ThresholdRule = DEFAULT_THRESHOLD_RULE): number {
  if (scores.length === 0) throw invalidInput('a threshold needs at least one validation score', {});
  const sorted = [...scores].sort((a, b) => a - b);
  const position = rule.quantile * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return (sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)) * rule.margin;
}
