import * as tf from '@tensorflow/tfjs-core';
import { MicroSegError } from '@microseg/errors';

/**
 * The paper's target encoding of a class-index mask [h,w]: one channel (foreground = index > 0) for binary
 * tasks (`channels` 1), else one-hot over `channels` classes including the background. Returns [1,h,w,c].
 */
export function maskToTargets(mask: Uint8Array | Uint16Array, height: number, width: number, channels: number): tf.Tensor4D {
  if (mask.length !== height * width) {
    throw new MicroSegError('INVALID_INPUT', `mask has ${mask.length} pixels, expected ${height}x${width}`, {
      details: { pixels: mask.length, height, width },
    });
  }
  if (channels === 1) {
    const binary = new Float32Array(mask.length);
    for (let i = 0; i < mask.length; i++) binary[i] = mask[i]! > 0 ? 1 : 0;
    return tf.tensor4d(binary, [1, height, width, 1]);
  }
  const oneHot = new Float32Array(mask.length * channels);
  for (let i = 0; i < mask.length; i++) {
    const label = mask[i]!;
    if (label >= channels) {
      throw new MicroSegError('INVALID_INPUT', `mask holds class ${label} but the model has ${channels} classes`, {
        details: { label, channels },
      });
    }
    oneHot[i * channels + label] = 1;
  }
  return tf.tensor4d(oneHot, [1, height, width, channels]);
}
