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
