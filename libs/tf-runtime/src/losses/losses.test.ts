import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { binaryCrossEntropy, diceBceLoss, diceLoss } from './dice-bce.ts';
import { iouScores, pooledIou } from './iou.ts';
import { maskToTargets } from './targets.ts';
import fixtures from './fixtures/losses.json' with { type: 'json' };
import { thrownCode } from '../testing/thrown-code.ts';

describe('losses and metrics against PyTorch (test/oracles/tf-runtime/losses_oracle.py)', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
  });

  for (const fixture of fixtures) {
    it(`matches BCE, Dice, DiceBCE, per-class IoU and the paper's IoU for the ${fixture.name} case`, async () => {
      const shape = fixture.shape as [number, number, number, number];
      const p = tf.tensor4d(fixture.probabilities, shape);
      const t = tf.tensor4d(fixture.targets, shape);
      expect(binaryCrossEntropy(p, t).dataSync()[0]).toBeCloseTo(fixture.bce, 5);
      expect(diceLoss(p, t).dataSync()[0]).toBeCloseTo(fixture.dice, 5);
      expect(diceBceLoss(p, t).dataSync()[0]).toBeCloseTo(fixture.diceBce, 5);
      const iou = await iouScores(p, t);
      iou.perClass.forEach((score, i) => expect(score).toBeCloseTo(fixture.iouPerClass[i]!, 5));
      const mean = fixture.iouPerClass.reduce((a, b) => a + b, 0) / fixture.iouPerClass.length;
      expect(iou.mean).toBeCloseTo(mean, 5);
      // The paper's headline IoU: smp.utils.functional.iou, one intersection and union over every channel.
      const paper = pooledIou(p, t);
      expect(paper.dataSync()[0]).toBeCloseTo(fixture.paperIou, 6);
      tf.dispose([p, t, paper]);
    });
  }

  it('scores a perfect prediction with IoU 1 and a near-zero loss', async () => {
    const t = maskToTargets(new Uint8Array([0, 1, 2, 1]), 2, 2, 3);
    expect((await iouScores(t, t)).mean).toBeCloseTo(1, 6);
    expect(diceBceLoss(t, t).dataSync()[0]).toBeLessThan(1e-4);
  });

  it('encodes binary masks as one foreground channel and multi-class masks as one-hot', () => {
    expect(Array.from(maskToTargets(new Uint8Array([0, 255, 1, 0]), 2, 2, 1).dataSync())).toEqual([0, 1, 1, 0]);
    expect(Array.from(maskToTargets(new Uint8Array([2, 0]), 1, 2, 3).dataSync())).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('rejects a mask with a class the model does not have', () => {
    expect(thrownCode(() => maskToTargets(new Uint8Array([3]), 1, 1, 3))).toBe('INVALID_INPUT');
  });
});
