import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { TensorRunner } from '../inference/segment-tiles.ts';

/** A tfjs network (here: an encoder) as a TensorRunner, computed in this thread. */
export function layersRunner(model: LayersModel): TensorRunner {
  return {
    async run(input) {
      const output = tf.tidy(() => model.predict(tf.tensor4d(input.data, input.shape as [number, number, number, number])) as tf.Tensor4D);
      try {
        return { shape: output.shape, data: (await output.data()) as Float32Array };
      } finally {
        output.dispose();
      }
    },
  };
}
