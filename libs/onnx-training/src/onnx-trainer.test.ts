import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdaptiveAvgPool2D, TorchMaxPool2D, buildModel } from '@microseg/segmentation';
import { PAPER_LOSS_WEIGHTS, createTrainer, diceBceLoss, initBackend, trainedVariables } from '@microseg/tf-runtime';
import { chooseTrainingEngine } from './engine-choice.ts';
import { createOnnxTrainer, weightFeeds } from './onnx-trainer.ts';
import { buildTrainingGraph, onnxTrainingSupport } from './training-graph.ts';

/**
 * Every layer kind and setting the training graph emits, small enough that float32 rounding stays far below the
 * tolerances: a zero padding folded into a strided 'valid' convolution, a 'same' one, a 1x1 strided
 * projection, a zero padding before a max pool (not folded), a 'same' max pool, a residual sum, nearest upsampling,
 * a skip concatenation, a transposed convolution (LinkNet's), biases, batch norms and ReLU, and a sigmoid or
 * softmax head.
 */
function buildEveryLayerNet(classes: number, seed: number): tfl.LayersModel {
  let next = seed;
  const init = () => tfl.initializers.glorotUniform({ seed: next++ });
  const apply = (layer: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]) => layer.apply(x) as tfl.SymbolicTensor;
  const conv = (name: string, filters: number, kernelSize: number, o: { strides?: number; padding?: 'same' | 'valid'; activation?: 'relu' | 'linear'; useBias?: boolean } = {}) =>
    tfl.layers.conv2d({ name, filters, kernelSize, strides: o.strides ?? 1, padding: o.padding ?? 'same', activation: o.activation ?? 'linear', useBias: o.useBias ?? false, kernelInitializer: init(), biasInitializer: 'ones' });
  const bn = (name: string) => tfl.layers.batchNormalization({ name, axis: 3, momentum: 0.9, epsilon: 1e-5, gammaInitializer: tfl.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: next++ }) });
  const relu = (name: string) => tfl.layers.activation({ name, activation: 'relu' });

  const input = tfl.input({ shape: [null, null, 3] });
  const padded = apply(tfl.layers.zeroPadding2d({ name: 'encoder.pad1', padding: [[1, 1], [1, 1]] }), input);
  const stem = apply(relu('encoder.relu1'), apply(bn('encoder.bn1'), apply(conv('encoder.conv1', 8, 3, { strides: 2, padding: 'valid' }), padded)));
  const poolPadded = apply(tfl.layers.zeroPadding2d({ name: 'encoder.pool_pad', padding: [[1, 1], [1, 1]] }), stem);
  const pooled = apply(tfl.layers.maxPooling2d({ name: 'encoder.pool', poolSize: 3, strides: 2, padding: 'valid' }), poolPadded);
  const dilated = apply(relu('encoder.relu2'), apply(bn('encoder.bn2'), apply(conv('encoder.conv2', 8, 3), pooled)));
  const projected = apply(bn('encoder.bn3'), apply(conv('encoder.proj', 8, 1, { strides: 2, padding: 'valid' }), dilated));
  const pooled2 = apply(tfl.layers.maxPooling2d({ name: 'encoder.pool2', poolSize: 2, strides: 2, padding: 'same' }), dilated);
  const residual = apply(relu('encoder.relu3'), apply(tfl.layers.add({ name: 'encoder.add' }), [projected, pooled2]));

  const up1 = apply(tfl.layers.upSampling2d({ name: 'decoder.up1', size: [2, 2] }), residual);
  const merged = apply(tfl.layers.concatenate({ name: 'decoder.cat', axis: 3 }), [up1, pooled]);
  const decoded = apply(conv('decoder.conv', 8, 3, { activation: 'relu', useBias: true }), merged);
  const transposed = apply(relu('decoder.relu_t'), apply(tfl.layers.conv2dTranspose({ name: 'decoder.transposed', filters: 6, kernelSize: 4, strides: 2, padding: 'same', useBias: true, kernelInitializer: init() }), decoded));
  const up2 = apply(tfl.layers.upSampling2d({ name: 'decoder.up2', size: [2, 2] }), transposed);
  const logits = apply(conv('head', classes, 3, { useBias: true }), up2);
  const probabilities = apply(tfl.layers.activation({ name: 'head.activation', activation: classes === 1 ? 'sigmoid' : 'softmax' }), logits);
  return tfl.model({ inputs: input, outputs: probabilities });
}

/**
 * The mobile encoders' layer kinds: depthwise convolutions (stride 1 'same'; stride 2 'valid' after a folded zero
 * padding), ReLU6 and swish, a squeeze-excitation gate (adaptive average pooling to 1x1, a 1x1 convolution, a
 * sigmoid, a broadcast product), a 2x2 average pool and PyTorch's max pool with ceil_mode.
 */
function buildMobileNet(seed: number): tfl.LayersModel {
  let next = seed;
  const init = () => tfl.initializers.glorotUniform({ seed: next++ });
  const apply = (layer: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]) => layer.apply(x) as tfl.SymbolicTensor;
  const input = tfl.input({ shape: [32, 32, 3] });
  const stem = apply(tfl.layers.conv2d({ name: 'encoder.stem', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu6', kernelInitializer: init() }), input);
  const depthwise = apply(tfl.layers.depthwiseConv2d({ name: 'encoder.dw1', kernelSize: 3, padding: 'same', activation: 'swish', depthwiseInitializer: init(), useBias: true }), stem);
  const padded = apply(tfl.layers.zeroPadding2d({ name: 'encoder.dw2_pad', padding: [[1, 1], [1, 1]] }), depthwise);
  const strided = apply(tfl.layers.depthwiseConv2d({ name: 'encoder.dw2', kernelSize: 3, strides: 2, padding: 'valid', depthwiseInitializer: init() }), padded);
  const squeezed = apply(new AdaptiveAvgPool2D({ name: 'encoder.se_pool', outputSize: 1 }), strided);
  const gate = apply(tfl.layers.conv2d({ name: 'encoder.se_gate', filters: 8, kernelSize: 1, activation: 'sigmoid', useBias: true, kernelInitializer: init() }), squeezed);
  const excited = apply(tfl.layers.multiply({ name: 'encoder.se_scale' }), [strided, gate]);
  const averaged = apply(tfl.layers.averagePooling2d({ name: 'encoder.pool', poolSize: 2, strides: 2, padding: 'valid' }), excited);
  // 8x8 -> 4x4: ceil_mode adds an -inf column and row for the last window.
  const pooled = apply(new TorchMaxPool2D({ name: 'encoder.torch_pool', kernel: 3, stride: 2, padding: 0, ceilMode: true }), averaged);
  const up = apply(tfl.layers.upSampling2d({ name: 'decoder.up', size: [8, 8] }), pooled);
  const merged = apply(tfl.layers.concatenate({ name: 'decoder.cat', axis: 3 }), [up, stem]);
  const logits = apply(tfl.layers.conv2d({ name: 'head', filters: 1, kernelSize: 3, padding: 'same', useBias: true, kernelInitializer: init() }), merged);
  return tfl.model({ inputs: input, outputs: apply(tfl.layers.activation({ name: 'head.activation', activation: 'sigmoid' }), logits) });
}

function batch(n: number, size: number, classes: number, seed: number) {
  return tf.tidy(() => {
    const image = tf.randomUniform<tf.Rank.R4>([n, size, size, 3], 0, 1, 'float32', seed);
    // Blobby targets, so that the network's gradients carry signal rather than noise.
    const field = tf.conv2d(tf.randomNormal<tf.Rank.R4>([n, size, size, 1], 0, 1, 'float32', seed + 1), tf.ones<tf.Rank.R4>([5, 5, 1, 1]), 1, 'same');
    const targets =
      classes === 1
        ? tf.cast(tf.greater(field, 0), 'float32')
        : tf.cast(tf.oneHot(tf.reshape(tf.cast(tf.clipByValue(tf.add(tf.floor(tf.div(field, 3)), 1), 0, classes - 1), 'int32'), [n, size, size]), classes), 'float32');
    return { image, targets: targets as tf.Tensor4D };
  });
}

async function graphGradients(model: tfl.LayersModel, image: tf.Tensor4D, targets: tf.Tensor4D) {
  const trained = trainedVariables(model, undefined);
  const [n, h, w] = image.shape;
  const graph = buildTrainingGraph(model, { batch: n, height: h, width: w, trained: new Set(trained.keys()), lossWeights: PAPER_LOSS_WEIGHTS });
  const session = await ort.InferenceSession.create(graph.model, { intraOpNumThreads: 1 });
  const byName = new Map(model.weights.map((v) => [v.originalName, v]));
  const feeds: Record<string, ort.Tensor> = {
    [graph.image]: new ort.Tensor('float32', image.dataSync() as Float32Array, image.shape),
    [graph.targets]: new ort.Tensor('float32', targets.dataSync() as Float32Array, targets.shape),
    ...weightFeeds(graph.weights, (weight) => byName.get(weight)!.read().dataSync() as Float32Array),
  };
  const results = await session.run(feeds);
  await session.release();
  const gradients = new Map([...graph.gradients].map(([weight, output]) => [weight, results[output]!.data as Float32Array]));
  return { loss: (results[graph.loss]!.data as Float32Array)[0]!, gradients };
}

function tfjsGradients(model: tfl.LayersModel, image: tf.Tensor4D, targets: tf.Tensor4D) {
  const trained = trainedVariables(model, undefined);
  const { value, grads } = tf.variableGrads(() => diceBceLoss(model.apply(image, { training: true }) as tf.Tensor, targets), [...trained.values()]);
  const weightOf = new Map([...trained].map(([weight, v]) => [v.name, weight]));
  const gradients = new Map(Object.entries(grads).map(([name, g]) => [weightOf.get(name)!, g.dataSync() as Float32Array]));
  const loss = value.dataSync()[0]!;
  tf.dispose([value, ...Object.values(grads)]);
  return { loss, gradients };
}

/** max |a - b| / max |a| over one weight's gradient. */
function relativeDifference(a: Float32Array, b: Float32Array): number {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(a[i]!));
  }
  return difference / (scale || 1);
}

function weightValues(model: tfl.LayersModel): Map<string, Float32Array> {
  return new Map(model.weights.map((v) => [v.originalName, v.read().dataSync() as Float32Array]));
}

describe('ONNX Runtime training', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
  });

  for (const classes of [1, 3]) {
    // One image takes the single-product route of the filter gradient, two the batched one.
    const images = classes === 1 ? 1 : 2;
    it(`computes the loss and every weight's gradient as tfjs does (${classes === 1 ? 'sigmoid' : 'softmax'} head, batch of ${images})`, async () => {
      const model = buildEveryLayerNet(classes, 11);
      const { image, targets } = batch(images, 32, classes, 4);
      const ours = await graphGradients(model, image, targets);
      const reference = tfjsGradients(model, image, targets);
      expect(ours.loss).toBeCloseTo(reference.loss, 5);
      expect([...ours.gradients.keys()].sort()).toEqual([...reference.gradients.keys()].sort());
      for (const [weight, gradient] of reference.gradients) {
        expect({ weight, difference: relativeDifference(gradient, ours.gradients.get(weight)!) }).toEqual({ weight, difference: expect.closeTo(0, 3) });
      }
      model.dispose();
      tf.dispose([image, targets]);
    });
  }

  it("computes the other encoders' layers (depthwise, ReLU6, swish, squeeze-excitation, average and PyTorch max pooling) as tfjs does", async () => {
    const model = buildMobileNet(13);
    const { image, targets } = batch(2, 32, 1, 8);
    const ours = await graphGradients(model, image, targets);
    const reference = tfjsGradients(model, image, targets);
    expect(ours.loss).toBeCloseTo(reference.loss, 5);
    for (const [weight, gradient] of reference.gradients) {
      expect({ weight, difference: relativeDifference(gradient, ours.gradients.get(weight)!) }).toEqual({ weight, difference: expect.closeTo(0, 3) });
    }
    model.dispose();
    tf.dispose([image, targets]);
  });

  for (const encoder of ['efficientnet-b0', 'se_resnet50', 'densenet121']) {
    it(`builds the graph for UNet over ${encoder}, with the loss of tfjs and gradients for every weight`, async () => {
      const model = buildModel({ architecture: 'unet', encoder, classes: 1 });
      const { image, targets } = batch(1, 64, 1, 10);
      const ours = await graphGradients(model, image, targets);
      const reference = tfjsGradients(model, image, targets);
      expect(ours.loss).toBeCloseTo(reference.loss, 4);
      expect([...ours.gradients.keys()].sort()).toEqual([...reference.gradients.keys()].sort());
      // Each layer kind is checked tightly above. Here, deep batch-norm stacks at a random initialisation (densenet's
      // last block normalises 4 values per channel) amplify float32 rounding to several percent on either engine
      // (tfjs's cpu and wasm backends differ as much), so the typical difference is what is held to a bound.
      const differences = [...reference.gradients].map(([weight, gradient]) => relativeDifference(gradient, ours.gradients.get(weight)!)).sort((a, b) => a - b);
      // Measured over random initialisations: medians 0.003-0.05; a wrong gradient in a layer kind is off by its own size.
      expect(differences[Math.floor(differences.length / 2)]).toBeLessThan(0.15);
      model.dispose();
      tf.dispose([image, targets]);
    }, 120_000);
  }

  it('builds the graph for the UNet-ResNet18 the paper trains, and its loss matches tfjs', async () => {
    const model = buildModel({ architecture: 'unet', encoder: 'resnet18', classes: 1 });
    const { image, targets } = batch(1, 64, 1, 9);
    const ours = await graphGradients(model, image, targets);
    expect(ours.loss).toBeCloseTo(tfjsGradients(model, image, targets).loss, 5);
    expect(ours.gradients.size).toBe(trainedVariables(model, undefined).size);
    model.dispose();
    tf.dispose([image, targets]);
  });

  it('follows the loss curve of the tfjs trainer and batch-norm moving averages step by step', async () => {
    const a = buildEveryLayerNet(1, 21);
    const b = buildEveryLayerNet(1, 21);
    const onnx = createOnnxTrainer({ model: a, learningRate: 3e-3, threads: 2 });
    const tfjs = createTrainer({ model: b, learningRate: 3e-3 });
    const { image, targets } = batch(2, 32, 1, 5);
    const curves: [number, number][] = [];
    for (let step = 0; step < 8; step++) curves.push([(await onnx.trainStep(image, targets)).loss, (await tfjs.trainStep(image, targets)).loss]);
    for (const [ours, theirs] of curves) expect(ours).toBeCloseTo(theirs, 4);
    expect(curves.at(-1)![0]).toBeLessThan(curves[0]![0] * 0.9);
    const ourWeights = weightValues(a);
    for (const [name, values] of weightValues(b)) expect({ name, difference: relativeDifference(values, ourWeights.get(name)!) }).toEqual({ name, difference: expect.closeTo(0, 2) });
    onnx.dispose();
    tfjs.dispose();
    tf.dispose([image, targets]);
  });

  it('resumes exactly: weights and optimizer state carried to a new model and trainer continue bit for bit', async () => {
    const { image, targets } = batch(1, 32, 1, 6);
    const whole = buildEveryLayerNet(1, 31);
    const uninterrupted = createOnnxTrainer({ model: whole, learningRate: 3e-3, threads: 2 });
    for (let step = 0; step < 4; step++) await uninterrupted.trainStep(image, targets);

    const first = buildEveryLayerNet(1, 31);
    const firstTrainer = createOnnxTrainer({ model: first, learningRate: 3e-3, threads: 2 });
    for (let step = 0; step < 2; step++) await firstTrainer.trainStep(image, targets);
    const second = buildEveryLayerNet(1, 99);
    second.setWeights(first.getWeights());
    const secondTrainer = createOnnxTrainer({ model: second, learningRate: 1, threads: 2 });
    secondTrainer.importOptimizerState(firstTrainer.exportOptimizerState());
    for (let step = 0; step < 2; step++) await secondTrainer.trainStep(image, targets);

    const expected = weightValues(whole);
    for (const [name, values] of weightValues(second)) expect({ name, equal: values.every((v, i) => v === expected.get(name)![i]) }).toEqual({ name, equal: true });
    for (const trainer of [uninterrupted, firstTrainer, secondTrainer]) trainer.dispose();
    tf.dispose([image, targets]);
  });

  it('keeps a frozen encoder fixed (its batch norms still follow the batches, as in tfjs) and trains it once unfrozen', async () => {
    const model = buildEveryLayerNet(1, 41);
    const trainer = createOnnxTrainer({ model, learningRate: 1e-2, threads: 1, freezeEncoder: (name) => name.startsWith('encoder.') });
    const { image, targets } = batch(1, 32, 1, 7);
    const before = weightValues(model);
    await trainer.trainStep(image, targets);
    const after = weightValues(model);
    expect(trainer.trainedVariableNames.every((name) => !name.startsWith('encoder.'))).toBe(true);
    expect(after.get('encoder.conv1/kernel')).toEqual(before.get('encoder.conv1/kernel'));
    expect(after.get('encoder.bn1/moving_mean')).not.toEqual(before.get('encoder.bn1/moving_mean'));
    expect(after.get('decoder.conv/kernel')).not.toEqual(before.get('decoder.conv/kernel'));
    trainer.setFrozen(undefined);
    await trainer.trainStep(image, targets);
    expect(weightValues(model).get('encoder.conv1/kernel')).not.toEqual(after.get('encoder.conv1/kernel'));
    trainer.dispose();
    tf.dispose([image, targets]);
  });

  it('names the layer that keeps a network on tfjs, and refuses to build its graph', () => {
    const fpn = buildModel({ architecture: 'fpn', encoder: 'resnet18', classes: 1 });
    const support = onnxTrainingSupport(fpn);
    expect(support.supported).toBe(false);
    expect(!support.supported && support.reason).toMatch(/GroupNormalization|Resize/);
    expect(() => buildTrainingGraph(fpn, { batch: 1, height: 64, width: 64, trained: new Set(), lossWeights: PAPER_LOSS_WEIGHTS })).toThrow(/does not train on ONNX Runtime/);
    for (const architecture of ['unetplusplus', 'linknet']) expect(onnxTrainingSupport(buildModel({ architecture, encoder: 'resnet34', classes: 2 })).supported).toBe(true);
  });
});

describe('chooseTrainingEngine', () => {
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
  });

  it('trains supported networks on ONNX Runtime on CPU workers, and says why it picks tfjs otherwise', () => {
    const unet = buildEveryLayerNet(1, 3);
    const fpn = buildModel({ architecture: 'fpn', encoder: 'resnet18', classes: 1 });
    expect(chooseTrainingEngine('auto', unet, { gpu: false })).toEqual({ engine: 'onnxruntime', reason: 'CPU worker: ONNX Runtime' });
    expect(chooseTrainingEngine('auto', unet, { gpu: true }).engine).toBe('tfjs');
    expect(chooseTrainingEngine('onnxruntime', unet, { gpu: true }).engine).toBe('onnxruntime');
    expect(chooseTrainingEngine('tfjs', unet, { gpu: false })).toEqual({ engine: 'tfjs', reason: 'TRAINING_ENGINE=tfjs' });
    const fallback = chooseTrainingEngine('onnxruntime', fpn, { gpu: false });
    expect(fallback.engine).toBe('tfjs');
    expect(fallback.reason).toMatch(/not trainable on ONNX Runtime yet \(.+\)/);
  });
});
