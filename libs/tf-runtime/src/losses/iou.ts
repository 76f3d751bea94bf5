import * as tf from '@tensorflow/tfjs-core';

export interface IouScores {
  /** One score per output channel: the foreground for binary models, every class incl. background otherwise. */
  perClass: number[];
  mean: number;
}

/** segmentation_models_pytorch's IoU epsilon: a class absent from both prediction and target scores 1. */
const IOU_EPSILON = 1e-7;

/**
 * IoU per channel of probabilities [n,h,w,c] against targets of the same shape (binary or one-hot), a pixel
 * counting as the class where its probability exceeds the threshold (0.5 in the paper).
 */
export function iouPerClass(probabilities: tf.Tensor, targets: tf.Tensor, threshold = 0.5): tf.Tensor1D {
  return tf.tidy(() => {
    const channels = probabilities.shape[probabilities.rank - 1]!;
    const predicted = tf.reshape(tf.cast(tf.greater(probabilities, threshold), 'float32'), [-1, channels]);
    const truth = tf.reshape(tf.cast(targets, 'float32'), [-1, channels]);
    const intersection = tf.sum(tf.mul(predicted, truth), 0);
    const union = tf.sub(tf.add(tf.sum(predicted, 0), tf.sum(truth, 0)), intersection);
    return tf.div<tf.Tensor1D>(tf.add(intersection, IOU_EPSILON), tf.add(union, IOU_EPSILON));
  });
}

export async function iouScores(probabilities: tf.Tensor, targets: tf.Tensor, threshold = 0.5): Promise<IouScores> {
  const scores = iouPerClass(probabilities, targets, threshold);
  const perClass = Array.from(await scores.data());
  scores.dispose();
  return { perClass, mean: perClass.reduce((sum, v) => sum + v, 0) / perClass.length };
}

/**
 * The paper's IoU: segmentation_models_pytorch's `utils.metrics.IoU(threshold=0.5)` as
 * pretrained-microscopy-models trains and reports it (segmentation_training.py). Its activation is
 * the identity (the model already ends in sigmoid/softmax2d), `pr > 0.5` is taken on every channel,
 * and with no ignored channels the intersection and union are summed over all of them, background
 * included: (I + eps) / (sum(gt) + sum(pr) - I + eps). One image per call (a batch of one).
 */
export function pooledIou(probabilities: tf.Tensor, targets: tf.Tensor, threshold = 0.5): tf.Scalar {
  return tf.tidy(() => {
    const predicted = tf.cast(tf.greater(probabilities, threshold), 'float32');
    const truth = tf.cast(targets, 'float32');
    const intersection = tf.sum(tf.mul(predicted, truth));
    const union = tf.sub(tf.add(tf.sum(predicted), tf.sum(truth)), intersection);
    return tf.div<tf.Scalar>(tf.add(intersection, IOU_EPSILON), tf.add(union, IOU_EPSILON));
  });
}

/**
 * IoU per class of a class mask against the ground-truth mask, as the user sees them (the mask made
 * by the model version's class rule). `channels` 1 is a binary model: one score, the foreground
 * (index > 0); otherwise one score per class 0..channels-1. A class absent from both scores 1.
 */
export function maskIouPerClass(predicted: ArrayLike<number>, truth: ArrayLike<number>, channels: number): number[] {
  const classes = channels === 1 ? 2 : channels;
  const intersection = new Float64Array(classes);
  const predictedCount = new Float64Array(classes);
  const truthCount = new Float64Array(classes);
  for (let i = 0; i < truth.length; i++) {
    const p = channels === 1 ? Math.min(1, predicted[i]!) : predicted[i]!;
    const t = channels === 1 ? Math.min(1, truth[i]!) : truth[i]!;
    predictedCount[p]! += 1;
    truthCount[t]! += 1;
    if (p === t) intersection[p]! += 1;
  }
  const scores = Array.from({ length: classes }, (_, c) => (intersection[c]! + IOU_EPSILON) / (predictedCount[c]! + truthCount[c]! - intersection[c]! + IOU_EPSILON));
  return channels === 1 ? scores.slice(1) : scores;
}
