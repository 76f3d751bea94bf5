import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { iouPerClass, maskToTargets, rasterToInput } from '@microseg/tf-runtime';
import type { LoadedItem } from './training-data.ts';

export interface SplitScores {
  /** Mean over images of the per-image mean IoU. */
  iou: number;
  /** Per output channel, mean over images. */
  perClass: number[];
  images: number;
}

const roundUp = (value: number, multiple: number) => Math.ceil(value / multiple) * multiple;

/**
 * IoU of whole images (padded with zeros to a multiple of 32, the encoders' stride; the padding
 * is cut off before scoring), with the model in inference mode.
 */
export async function evaluateSplit(model: LayersModel, items: readonly LoadedItem[], channels: number): Promise<SplitScores> {
  const sums = new Array<number>(channels).fill(0);
  for (const { sample } of items) {
    const { width, height } = sample.image;
    const scores = tf.tidy(() => {
      const input = rasterToInput(sample.image);
      const padded = tf.pad(input, [[0, 0], [0, roundUp(height, 32) - height], [0, roundUp(width, 32) - width], [0, 0]]);
      const output = model.predict(padded) as tf.Tensor4D;
      const probabilities = tf.slice(output, [0, 0, 0, 0], [1, height, width, channels]);
      return iouPerClass(probabilities, maskToTargets(sample.mask.data, height, width, channels));
    });
    const values = await scores.data();
    scores.dispose();
    values.forEach((v, c) => (sums[c]! += v));
  }
  const perClass = sums.map((s) => s / Math.max(1, items.length));
  return { iou: perClass.reduce((a, b) => a + b, 0) / Math.max(1, perClass.length), perClass, images: items.length };
}
