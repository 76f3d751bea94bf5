import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { invalidInput } from '@microseg/errors';

/** Weights are built with concrete shapes; tfjs types them as possibly unknown. */
const shapeOf = (weight: LayersModel['weights'][number]) => weight.shape as number[];

/**
 * A model's weights (trainable and batch-norm statistics) keyed by their original names, which do
 * not carry the suffixes tfjs adds when one process builds a network twice.
 */
export function namedWeights(model: LayersModel): Map<string, tf.Tensor> {
  return new Map(model.weights.map((w) => [w.originalName, w.read()]));
}

/** Writes saved weights into a model of the same build; every weight must be there with its shape. */
export function assignWeights(model: LayersModel, saved: tf.NamedTensorMap): void {
  const missing: string[] = [];
  const mismatched: { key: string; expected: number[]; actual: number[] }[] = [];
  for (const weight of model.weights) {
    const tensor = saved[weight.originalName];
    if (!tensor) missing.push(weight.originalName);
    else if (!tf.util.arraysEqual(tensor.shape, shapeOf(weight))) mismatched.push({ key: weight.originalName, expected: shapeOf(weight), actual: tensor.shape });
  }
  if (missing.length > 0 || mismatched.length > 0) {
    throw invalidInput('saved weights do not fit this network', { missing, shapeMismatches: mismatched });
  }
  for (const weight of model.weights) weight.write(saved[weight.originalName]!);
}

/**
 * Fine-tuning from a registry version: the encoder's weights always, the decoder's and head's when
 * the parent has the same ones. Shapes that differ are refused, listing the keys.
 */
export function transferWeights(from: LayersModel, to: LayersModel): { copied: number; fresh: string[] } {
  const source = namedWeights(from);
  const mismatched: { key: string; expected: number[]; actual: number[] }[] = [];
  const missingEncoder: string[] = [];
  const fresh: string[] = [];
  const copies: [(typeof to.weights)[number], tf.Tensor][] = [];
  for (const weight of to.weights) {
    const tensor = source.get(weight.originalName);
    if (!tensor) {
      if (weight.originalName.startsWith('encoder')) missingEncoder.push(weight.originalName);
      else fresh.push(weight.originalName);
    } else if (!tf.util.arraysEqual(tensor.shape, shapeOf(weight))) {
      if (weight.originalName.startsWith('encoder')) mismatched.push({ key: weight.originalName, expected: shapeOf(weight), actual: tensor.shape });
      else fresh.push(weight.originalName);
    } else copies.push([weight, tensor]);
  }
  if (missingEncoder.length > 0 || mismatched.length > 0) {
    throw invalidInput('incompatible initial weights: the encoder weights do not match', {
      reason: 'incompatible-initial-weights', missing: missingEncoder, shapeMismatches: mismatched,
    });
  }
  for (const [weight, tensor] of copies) weight.write(tensor);
  return { copied: copies.length, fresh };
}
