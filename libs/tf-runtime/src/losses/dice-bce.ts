import * as tf from '@tensorflow/tfjs-core';

export interface LossWeights {
  bce: number;
  dice: number;
}

/** The paper's DiceBCE: 0.7 BCE + 0.3 Dice. */
export const PAPER_LOSS_WEIGHTS: Readonly<LossWeights> = { bce: 0.7, dice: 0.3 };

/** Probabilities are clipped away from 0 and 1 so that log() stays finite, as torch.nn.BCELoss clamps its logs. */
const PROBABILITY_EPSILON = 1e-7;

/**
 * Binary cross-entropy on probabilities (sigmoid or softmax outputs), averaged over every element, as
 * torch.nn.BCELoss(reduction='mean') on the paper's one-hot targets.
 */
export function binaryCrossEntropy(probabilities: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(probabilities, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
    const positive = tf.mul(targets, tf.log(p));
    const negative = tf.mul(tf.sub(1, targets), tf.log(tf.sub(1, p)));
    return tf.neg(tf.mean(tf.add(positive, negative))) as tf.Scalar;
  });
}

/**
 * 1 - F1 over the whole tensor (all pixels and channels together) with smoothing 1, as the paper's code
 * computes it through segmentation_models_pytorch's f_score(eps=1).
 */
export function diceLoss(probabilities: tf.Tensor, targets: tf.Tensor, smooth = 1): tf.Scalar {
  return tf.tidy(() => {
    const intersection = tf.sum(tf.mul(probabilities, targets));
    const total = tf.add(tf.sum(probabilities), tf.sum(targets));
    return tf.sub(1, tf.div(tf.add(tf.mul(2, intersection), smooth), tf.add(total, smooth)));
  });
}

/** weights.bce · BCE + weights.dice · Dice; the paper trains with {bce: 0.7, dice: 0.3}. */
export function diceBceLoss(probabilities: tf.Tensor, targets: tf.Tensor, weights: LossWeights = PAPER_LOSS_WEIGHTS): tf.Scalar {
  return tf.tidy(() =>
    tf.add(tf.mul(weights.bce, binaryCrossEntropy(probabilities, targets)), tf.mul(weights.dice, diceLoss(probabilities, targets))),
  );
}
