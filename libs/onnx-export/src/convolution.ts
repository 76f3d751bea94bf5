import type * as tfl from '@tensorflow/tfjs-layers';
import type { OnnxGraph } from './onnx-graph.ts';
import { type Weight, findWeight, permute4, weight } from './weights.ts';

/** [top, left, bottom, right]: ONNX's pads order for 2-D (all begins, then all ends). */
export type Pads = [number, number, number, number];

export const CONVOLUTIONS = new Set(['Conv2D', 'DepthwiseConv2D', 'MicrosegGroupedConv2D', 'Conv2DTranspose']);

interface ConvConfig {
  kernelSize: number[] | number;
  strides: number[] | number;
  dilationRate?: number[] | number;
  padding?: string;
  activation?: string;
  groups?: number;
}

const pair = (v: number[] | number | undefined, fallback = 1): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0]!, v[1] ?? v[0]!];

/** A convolution as ONNX wants it: OIHW weight (IOHW for ConvTranspose), bias, and attributes. */
export interface OnnxConv {
  op: 'Conv' | 'ConvTranspose';
  weight: Weight;
  bias: Float32Array;
  /** Axis of `weight` that indexes output channels: 0 for Conv, 1 for ConvTranspose (group 1). */
  outputAxis: 0 | 1;
  attributes: { kernel_shape: number[]; strides: number[]; dilations: number[]; group: number; pads: Pads };
  activation: string;
}

/** TF 'same' padding for stride 1 (the only 'same' convolution the networks use): extra at the end. */
function samePads(kernel: [number, number], dilation: [number, number]): Pads {
  const total = kernel.map((k, i) => (k - 1) * dilation[i]!);
  const begin = total.map((t) => Math.floor(t / 2));
  return [begin[0]!, begin[1]!, total[0]! - begin[0]!, total[1]! - begin[1]!];
}

/** Reads a tfjs convolution layer's weights and settings into ONNX's layout (NCHW, OIHW). */
export function onnxConv(layer: tfl.layers.Layer): OnnxConv {
  const className = layer.getClassName();
  const config = layer.getConfig() as unknown as ConvConfig;
  const kernel = pair(config.kernelSize);
  const strides = pair(config.strides);
  const dilations = pair(config.dilationRate);
  const padding = config.padding ?? 'valid';
  const activation = config.activation ?? 'linear';
  let w: Weight;
  let group = 1;
  if (className === 'DepthwiseConv2D') {
    // [kh, kw, in, multiplier] -> [in * multiplier, 1, kh, kw]: output channel c*m + j reads input c.
    const dw = weight(layer, 'depthwise_kernel');
    const [kh, kw, channels, multiplier] = dw.shape as [number, number, number, number];
    w = permute4({ shape: [kh, kw, 1, channels * multiplier], data: dw.data }, [3, 2, 0, 1]);
    group = channels;
  } else if (className === 'Conv2DTranspose') {
    // tfjs [kh, kw, out, in] -> ONNX ConvTranspose [in, out, kh, kw] (PyTorch's layout, not flipped).
    w = permute4(weight(layer, 'kernel'), [3, 2, 0, 1]);
  } else {
    // [kh, kw, in/groups, out] -> [out, in/groups, kh, kw].
    w = permute4(weight(layer, 'kernel'), [3, 2, 0, 1]);
    group = config.groups ?? 1;
  }
  const transpose = className === 'Conv2DTranspose';
  const outputs = w.shape[transpose ? 1 : 0]!;
  const bias = findWeight(layer, 'bias')?.data ?? new Float32Array(outputs);
  let pads: Pads = [0, 0, 0, 0];
  if (padding === 'same') {
    if (transpose) {
      // The forward conv whose gradient this is pads k - s in all, the extra row at the end (out = in * s).
      const total = kernel.map((k, i) => Math.max(k - strides[i]!, 0));
      pads = [Math.floor(total[0]! / 2), Math.floor(total[1]! / 2), Math.ceil(total[0]! / 2), Math.ceil(total[1]! / 2)];
    } else if (strides[0] === 1 && strides[1] === 1) {
      pads = samePads(kernel, dilations);
    } else {
      throw new Error(`${layer.name}: 'same' padding with stride ${strides.join('x')} is not exported`);
    }
  } else if (padding !== 'valid') {
    throw new Error(`${layer.name}: padding '${padding}' is not exported`);
  }
  return {
    op: transpose ? 'ConvTranspose' : 'Conv',
    weight: w,
    bias,
    outputAxis: transpose ? 1 : 0,
    attributes: { kernel_shape: kernel, strides, dilations, group, pads },
    activation,
  };
}

/** BatchNormalization's affine form y = x * scale + shift, computed in float64. */
export function batchNormAffine(layer: tfl.layers.Layer): { scale: Float64Array; shift: Float64Array } {
  const epsilon = (layer.getConfig() as { epsilon: number }).epsilon;
  const mean = weight(layer, 'moving_mean').data;
  const variance = weight(layer, 'moving_variance').data;
  const gamma = findWeight(layer, 'gamma')?.data;
  const beta = findWeight(layer, 'beta')?.data;
  const scale = new Float64Array(mean.length);
  const shift = new Float64Array(mean.length);
  for (let c = 0; c < mean.length; c++) {
    scale[c] = (gamma?.[c] ?? 1) / Math.sqrt(variance[c]! + epsilon);
    shift[c] = (beta?.[c] ?? 0) - mean[c]! * scale[c]!;
  }
  return { scale, shift };
}

/** Folds a following batch norm into the convolution: W' = W * scale[o], b' = b * scale + shift. */
export function foldBatchNorm(conv: OnnxConv, bn: { scale: Float64Array; shift: Float64Array }): OnnxConv {
  const [d0, d1, kh, kw] = conv.weight.shape as [number, number, number, number];
  const data = new Float32Array(conv.weight.data.length);
  const inner = kh * kw;
  for (let a = 0; a < d0; a++)
    for (let b = 0; b < d1; b++) {
      const s = bn.scale[conv.outputAxis === 0 ? a : b]!;
      const base = (a * d1 + b) * inner;
      for (let i = 0; i < inner; i++) data[base + i] = conv.weight.data[base + i]! * s;
    }
  const bias = Float32Array.from(conv.bias, (b, o) => b * bn.scale[o]! + bn.shift[o]!);
  return { ...conv, weight: { shape: conv.weight.shape, data }, bias };
}

/** Emits the convolution; `pads` adds a zero padding folded in from the layer before. */
export function emitConv(graph: OnnxGraph, name: string, input: string, conv: OnnxConv, extraPads: Pads = [0, 0, 0, 0]): string {
  const w = graph.constant(`${name}.weight`, conv.weight.shape, conv.weight.data);
  const b = graph.constant(`${name}.bias`, [conv.bias.length], conv.bias);
  const pads = conv.attributes.pads.map((p, i) => p + extraPads[i]!);
  return graph.node(conv.op, [input, w, b], name, { ...conv.attributes, pads });
}
