import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx.ts';

type Symbolic = tfl.SymbolicTensor;

/** conv (zero-padded) -> batch norm -> relu6 -> max pool -> nearest x2 -> concat with the input -> sigmoid. */
function smallNetwork(): tfl.LayersModel {
  const input = tfl.input({ shape: [null, null, 3] });
  const padded = tfl.layers.zeroPadding2d({ padding: [[1, 1], [1, 1]] }).apply(input) as Symbolic;
  const conv = tfl.layers.conv2d({ name: 'conv', filters: 4, kernelSize: 3, useBias: false, kernelInitializer: 'glorotUniform' }).apply(padded) as Symbolic;
  const bn = tfl.layers.batchNormalization({ name: 'bn', axis: 3, epsilon: 1e-5 });
  const normed = bn.apply(conv) as Symbolic;
  bn.setWeights([tf.tensor1d([1.5, 0.5, 2, 1]), tf.tensor1d([0.1, -0.2, 0.3, 0]), tf.tensor1d([0.05, -0.1, 0.2, 0]), tf.tensor1d([0.9, 1.1, 0.5, 2])]);
  const act = tfl.layers.activation({ activation: 'relu6' }).apply(normed) as Symbolic;
  const pooled = tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid' }).apply(act) as Symbolic;
  const up = tfl.layers.upSampling2d({ size: [2, 2], interpolation: 'nearest' }).apply(pooled) as Symbolic;
  const joined = tfl.layers.concatenate({ axis: 3 }).apply([up, input]) as Symbolic;
  const out = tfl.layers.conv2d({ filters: 2, kernelSize: 1, activation: 'sigmoid' }).apply(joined) as Symbolic;
  return tfl.model({ inputs: input, outputs: out });
}

function opTypes(bytes: Uint8Array): string[] {
  return onnxProto.onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType!);
}

async function runOnnx(bytes: Uint8Array, nhwc: tf.Tensor4D): Promise<Float32Array> {
  const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
  const session = await ort.InferenceSession.create(bytes);
  try {
    const { output } = await session.run({ image: new ort.Tensor('float32', nchw.dataSync() as Float32Array, nchw.shape) });
    const back = tf.transpose(tf.tensor4d(output!.data as Float32Array, output!.dims as [number, number, number, number]), [0, 2, 3, 1]);
    return back.dataSync() as Float32Array;
  } finally {
    nchw.dispose();
    await session.release();
  }
}

describe('exportOnnx', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('folds the batch norm and the zero padding into the convolution', () => {
    const ops = opTypes(exportOnnx(smallNetwork()));
    expect(ops.filter((op) => op === 'Conv')).toHaveLength(2);
    expect(ops).not.toContain('Pad');
    expect(ops).not.toContain('BatchNormalization');
    expect(ops.slice(0, 2)).toEqual(['Conv', 'Clip']);
  });

  it.each([
    [1, 8, 8],
    [2, 16, 24],
  ])('gives the tfjs output for batch %i at %ix%i from one exported graph (dynamic size)', async (batch, height, width) => {
    const model = smallNetwork();
    const input = tf.randomNormal<tf.Rank.R4>([batch, height, width, 3], 0, 1, 'float32', 7);
    const expected = (model.predict(input) as tf.Tensor).dataSync() as Float32Array;
    const actual = await runOnnx(exportOnnx(model), input);
    expect(actual.length).toBe(expected.length);
    const maxDiff = actual.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]!)), 0);
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
  });

  it('refuses a layer it has no ONNX form for instead of skipping it', () => {
    const input = tfl.input({ shape: [null, null, 3] });
    const out = tfl.layers.leakyReLU({ name: 'leaky' }).apply(input) as Symbolic;
    let thrown: unknown;
    try {
      exportOnnx(tfl.model({ inputs: input, outputs: out }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_INPUT', details: { className: 'LeakyReLU', layer: 'leaky' } });
  });
});

describe('exportOnnx names', () => {
  it('keeps the requested input and output names even when a layer is called the same', async () => {
    const input = tfl.input({ shape: [null, null, 3] });
    const out = tfl.layers.activation({ activation: 'softmax', name: 'probabilities' }).apply(input) as Symbolic;
    const bytes = exportOnnx(tfl.model({ inputs: input, outputs: out }), { outputName: 'probabilities' });
    const graph = onnxProto.onnx.ModelProto.decode(bytes).graph!;
    expect(graph.input!.map((v) => v.name)).toEqual(['image']);
    expect(graph.output!.map((v) => v.name)).toEqual(['probabilities']);
    const session = await ort.InferenceSession.create(bytes);
    const { probabilities } = await session.run({ image: new ort.Tensor('float32', new Float32Array(12), [1, 3, 2, 2]) });
    expect(Array.from(probabilities!.data as Float32Array)).toEqual(new Array<number>(12).fill(Math.fround(1 / 3)));
    await session.release();
  });
});
