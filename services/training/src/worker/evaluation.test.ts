import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { startLayersOnnxRunner } from '@microseg/model-artifact';
import { initBackend } from '@microseg/tf-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateSplit } from './evaluation.ts';
import type { LoadedItem } from './training-data.ts';

/** A network that answers the same class probabilities at every pixel, whatever the image. */
function constantModel(probabilities: number[]): tfl.LayersModel {
  const input = tfl.input({ shape: [null, null, 3] });
  const head = tfl.layers.conv2d({ filters: probabilities.length, kernelSize: 1, activation: 'softmax' });
  const model = tfl.model({ inputs: input, outputs: head.apply(input) as tfl.SymbolicTensor });
  head.setWeights([tf.zeros([1, 1, 3, probabilities.length]), tf.tensor1d(probabilities.map(Math.log))]);
  return model;
}

function item(size: number, label: number): LoadedItem {
  return {
    imageId: 'image',
    name: 'image',
    sample: {
      image: { data: new Float32Array(size * size), width: size, height: size, channels: 1 },
      mask: { data: new Uint8Array(size * size).fill(label), width: size, height: size, channels: 1 },
    },
  };
}

describe('split evaluation', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'cpu' });
  });

  it("scores the paper's pooled IoU on probabilities and the per-class IoU on the class rule's masks", async () => {
    // Every pixel is class 1, predicted at 0.45: the most probable class, but not above 0.5.
    const model = constantModel([0.3, 0.45, 0.25]);
    const items = [item(32, 1)];
    const paper = await evaluateSplit(model, items, 3, 'threshold');
    // No channel exceeds 0.5: nothing predicted, every truth pixel missed.
    expect(paper.iou).toBeCloseTo(0, 6);
    // The paper's rule leaves the matrix: classes 0 and 1 score 0, class 2 (absent from both) 1.
    expect(paper.perClass.map((v) => Number(v.toFixed(6)))).toEqual([0, 0, 1]);
    expect(paper.meanClassIou).toBeCloseTo(1 / 3, 6);
    const argmax = await evaluateSplit(model, items, 3, 'argmax');
    expect(argmax.iou).toBeCloseTo(0, 6);
    expect(argmax.perClass.map((v) => Number(v.toFixed(6)))).toEqual([1, 1, 1]);
    expect(argmax.images).toBe(1);
    model.dispose();
  });

  it('scores the same on ONNX Runtime as on tfjs (the ONNX engine validates there)', async () => {
    const input = tfl.input({ shape: [null, null, 3] });
    const hidden = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) });
    const head = tfl.layers.conv2d({ filters: 2, kernelSize: 1, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) });
    const model = tfl.model({ inputs: input, outputs: head.apply(hidden.apply(input)) as tfl.SymbolicTensor });
    const items = [item(40, 1), item(24, 0)].map((entry, i) => ({
      ...entry,
      sample: { ...entry.sample, image: { ...entry.sample.image, data: entry.sample.image.data.map((_, p) => Math.sin(p * 0.37 + i)) } },
    }));
    const onnx = (await startLayersOnnxRunner(model, { threads: 1 }))!;
    const [tfjs, ort] = [await evaluateSplit(model, items, 2, 'argmax'), await evaluateSplit(model, items, 2, 'argmax', onnx.runner)];
    await onnx.runner.release();
    expect(ort.iou).toBeCloseTo(tfjs.iou, 5);
    ort.perClass.forEach((v, c) => expect(v).toBeCloseTo(tfjs.perClass[c]!, 5));
    model.dispose();
  });
});
