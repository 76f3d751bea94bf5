import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type ClassRule, type TensorRunner, maskIouPerClass, maskToTargets, pooledIou, probabilitiesToMask, rasterToInput } from '@microseg/tf-runtime';
import type { LoadedItem } from './training-data.ts';

export interface SplitScores {
  /** The paper's IoU (smp's, threshold 0.5, pooled over the one-hot channels), mean over images. */
  iou: number;
  /** Mean over classes of perClass. */
  meanClassIou: number;
  /** Per output channel, of the masks the class rule makes, mean over images. */
  perClass: number[];
  images: number;
}

const roundUp = (value: number, multiple: number) => Math.ceil(value / multiple) * multiple;

/**
 * IoU of whole images (padded with zeros to a multiple of 32, the encoders' stride; the padding
 * is cut off before scoring), with the model in inference mode. The paper's IoU is taken on the
 * probabilities, as smp's metric does on a batch of one image (PMM averages over batches); the
 * per-class scores on the mask the version's class rule makes, what a user measures. `runner`, when given,
 * computes the same network's probabilities (ONNX Runtime beside the ONNX training engine) instead of tfjs.
 */
export async function evaluateSplit(model: LayersModel, items: readonly LoadedItem[], channels: number, classRule: ClassRule, runner?: TensorRunner): Promise<SplitScores> {
  const sums = new Array<number>(channels).fill(0);
  let pooledSum = 0;
  for (const { sample } of items) {
    const { width, height } = sample.image;
    const input = tf.tidy(() => tf.pad(rasterToInput(sample.image), [[0, 0], [0, roundUp(height, 32) - height], [0, roundUp(width, 32) - width], [0, 0]]));
    let output: tf.Tensor4D;
    if (runner) {
      const computed = await runner.run({ shape: input.shape, data: (await input.data()) as Float32Array });
      output = tf.tensor4d(computed.data, computed.shape as [number, number, number, number]);
    } else {
      output = model.predict(input) as tf.Tensor4D;
    }
    input.dispose();
    const [probabilities, pooled] = tf.tidy(() => {
      const cropped = tf.slice(output, [0, 0, 0, 0], [1, height, width, channels]);
      return [cropped, pooledIou(cropped, maskToTargets(sample.mask.data, height, width, channels))] as const;
    });
    output.dispose();
    const [values, score] = await Promise.all([probabilities.data() as Promise<Float32Array>, pooled.data()]);
    tf.dispose([probabilities, pooled]);
    pooledSum += score[0]!;
    maskIouPerClass(probabilitiesToMask(values, channels, classRule), sample.mask.data, channels).forEach((v, c) => (sums[c]! += v));
  }
  const images = Math.max(1, items.length);
  const perClass = sums.map((s) => s / images);
  return {
    iou: pooledSum / images,
    meanClassIou: perClass.reduce((a, b) => a + b, 0) / Math.max(1, perClass.length),
    perClass,
    images: items.length,
  };
}
