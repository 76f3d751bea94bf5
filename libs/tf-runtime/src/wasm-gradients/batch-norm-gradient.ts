import * as tf from '@tensorflow/tfjs-core';

/**
 * tfjs-core's FusedBatchNorm gradient materialises per-channel factors as full-size tiles and several
 * full-size intermediates (on wasm its Tile alone cost about a fifth of a UNet train step). Broadcasting the
 * [C] factors and reducing Σdy and Σdy·x once gives the same gradients with two full-size products.
 */
export const leanBatchNormGradient: tf.GradConfig = {
  kernelName: 'FusedBatchNorm',
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy, saved, attrs) => {
    const { varianceEpsilon } = attrs as unknown as { varianceEpsilon: number };
    const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
    const g = dy as tf.Tensor;
    const axes = tf.broadcast_util.getReductionAxes(mean.shape, x.shape);
    const reduce = (t: tf.Tensor) => (axes.length > 0 ? tf.reshape(tf.sum(t, axes), mean.shape) : t);
    const rsqrt = tf.rsqrt(tf.add(variance, varianceEpsilon));
    const gamma = scale ?? tf.scalar(1);
    const sumDy = reduce(g);
    // Σ dy·(x − mean) = Σ dy·x − mean·Σ dy, without a full-size (x − mean).
    const sumDyCentred = tf.sub(reduce(tf.mul(g, x)), tf.mul(mean, sumDy));
    return {
      x: () => tf.mul(g, tf.mul(gamma, rsqrt)),
      mean: () => tf.mul(tf.neg(tf.mul(gamma, rsqrt)), sumDy),
      variance: () => tf.mul(tf.mul(tf.mul(-0.5, tf.pow(rsqrt, 3)), gamma), sumDyCentred),
      scale: () => tf.mul(sumDyCentred, rsqrt),
      offset: () => sumDy,
    };
  },
};
