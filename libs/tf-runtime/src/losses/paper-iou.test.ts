import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { iouScores, maskIouPerClass, pooledIou } from './iou.ts';

describe("the paper's IoU (smp utils.metrics.IoU, threshold 0.5, pooled over channels)", () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'cpu' });
  });

  it('pools intersection and union over every channel, background included', async () => {
    // Pixel 1 is class 0 and predicted 0 (0.6); pixel 2 is class 1 but no channel exceeds 0.5.
    const p = tf.tensor4d([0.6, 0.3, 0.1, 0.2, 0.3, 0.5], [1, 1, 2, 3]);
    const t = tf.tensor4d([1, 0, 0, 0, 1, 0], [1, 1, 2, 3]);
    // Thresholded prediction sums to 1, truth to 2, intersection 1: 1 / (1 + 2 - 1).
    const paper = pooledIou(p, t);
    expect(paper.dataSync()[0]).toBeCloseTo(0.5, 6);
    // The mean per class differs: class 0 = 1, class 1 = 0, class 2 absent from both = 1.
    expect((await iouScores(p, t)).mean).toBeCloseTo(2 / 3, 6);
    tf.dispose([p, t, paper]);
  });

  it('scores a binary model on its one channel', () => {
    const p = tf.tensor4d([0.9, 0.4, 0.7, 0.1], [1, 2, 2, 1]);
    const t = tf.tensor4d([1, 1, 0, 0], [1, 2, 2, 1]);
    const paper = pooledIou(p, t);
    // predicted {0, 2}, truth {0, 1}: 1 / 3.
    expect(paper.dataSync()[0]).toBeCloseTo(1 / 3, 6);
    tf.dispose([p, t, paper]);
  });
});

describe('per-class IoU of class masks', () => {
  it('scores every class of a multi-class mask', () => {
    const scores = maskIouPerClass([0, 1, 1, 2], [0, 1, 2, 2], 3);
    expect(scores[0]).toBeCloseTo(1, 6);
    expect(scores[1]).toBeCloseTo(1 / 2, 6);
    expect(scores[2]).toBeCloseTo(1 / 2, 6);
  });

  it('scores only the foreground of a binary model, any non-zero truth value counting', () => {
    const scores = maskIouPerClass([0, 1, 1, 0], [0, 255, 0, 0], 1);
    expect(scores).toHaveLength(1);
    expect(scores[0]).toBeCloseTo(1 / 2, 6);
  });
});
