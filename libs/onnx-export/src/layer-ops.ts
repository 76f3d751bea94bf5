import type * as tfl from '@tensorflow/tfjs-layers';
import type { OnnxGraph } from './onnx-graph.ts';
import type { Pads } from './convolution.ts';
import { batchNormAffine } from './convolution.ts';
import { weight } from './weights.ts';

/** What one layer's emitter gets: its ONNX input names and the graph to add nodes to. */
export interface LayerContext {
  graph: OnnxGraph;
  layer: tfl.layers.Layer;
  inputs: string[];
}

type Config = Record<string, unknown>;

const configOf = (layer: tfl.layers.Layer): Config => layer.getConfig();
const pair = (v: unknown): [number, number] => (typeof v === 'number' ? [v, v] : [(v as number[])[0]!, (v as number[])[1]!]);

/** tfjs activations (Activation layers and conv `activation`) in ONNX. */
export function emitActivation(graph: OnnxGraph, kind: string, input: string, name: string): string {
  switch (kind) {
    case 'linear':
      return input;
    case 'relu':
      return graph.node('Relu', [input], name);
    case 'relu6':
      return graph.node('Clip', [input, graph.scalar(`${name}.min`, 0), graph.scalar(`${name}.max`, 6)], name);
    case 'sigmoid':
      return graph.node('Sigmoid', [input], name);
    case 'swish':
      return graph.node('Mul', [input, graph.node('Sigmoid', [input], `${name}.sigmoid`)], name);
    case 'softmax':
      // tfjs takes the softmax over the last (channel) axis: axis 1 in NCHW.
      return graph.node('Softmax', [input], name, { axis: 1 });
    default:
      throw new Error(`activation '${kind}' is not exported`);
  }
}

/** ZeroPadding2D's [[top, bottom], [left, right]] as ONNX pads. */
export function zeroPaddingPads(layer: tfl.layers.Layer): Pads {
  const [[t, b], [l, r]] = configOf(layer).padding as [[number, number], [number, number]];
  return [t, l, b, r];
}

function emitPad(graph: OnnxGraph, name: string, input: string, [t, l, b, r]: Pads): string {
  return graph.node('Pad', [input, graph.ints(`${name}.pads`, [0, 0, t, l, 0, 0, b, r])], name, { mode: 'constant' });
}

function channelAxis(layer: tfl.layers.Layer): number {
  const axis = configOf(layer).axis as number;
  if (axis !== 3 && axis !== -1) throw new Error(`${layer.name}: only channel-axis concatenation is exported (axis ${axis})`);
  return 1;
}

function emitPool(ctx: LayerContext, op: 'MaxPool' | 'AveragePool'): string {
  const config = configOf(ctx.layer);
  const kernel = pair(config.poolSize);
  const strides = pair(config.strides ?? config.poolSize);
  if (config.padding === 'valid') return ctx.graph.node(op, ctx.inputs, ctx.layer.name, { kernel_shape: kernel, strides });
  if (config.padding !== 'same') throw new Error(`${ctx.layer.name}: pool padding '${String(config.padding)}' is not exported`);
  // TF's 'same' pooling: extra padding at the end, and averages count only the real values.
  return ctx.graph.node(op, ctx.inputs, ctx.layer.name, { kernel_shape: kernel, strides, auto_pad: 'SAME_UPPER' });
}

/** `nn.MaxPool2d` with -inf padding and ceil_mode (MicrosegTorchMaxPool2D): ONNX MaxPool has the same semantics. */
function emitTorchMaxPool(ctx: LayerContext): string {
  const { kernel, stride, padding, ceilMode } = configOf(ctx.layer) as { kernel: number; stride: number; padding: number; ceilMode: boolean };
  return ctx.graph.node('MaxPool', ctx.inputs, ctx.layer.name, {
    kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [padding, padding, padding, padding], ceil_mode: ceilMode ? 1 : 0,
  });
}

function emitBatchNorm(ctx: LayerContext): string {
  const { scale, shift } = batchNormAffine(ctx.layer);
  const { graph, layer } = ctx;
  const dims = [scale.length, 1, 1];
  const mul = graph.node('Mul', [ctx.inputs[0]!, graph.constant(`${layer.name}.scale`, dims, Float32Array.from(scale))], `${layer.name}.scaled`);
  return graph.node('Add', [mul, graph.constant(`${layer.name}.shift`, dims, Float32Array.from(shift))], layer.name);
}

/** `nn.GroupNorm`: InstanceNormalization over [N, groups, C/groups*H*W], then the per-channel affine. */
function emitGroupNorm(ctx: LayerContext): string {
  const { graph, layer } = ctx;
  const { groups, epsilon } = configOf(layer) as { groups: number; epsilon: number };
  const x = ctx.inputs[0]!;
  const grouped = graph.node('Reshape', [x, graph.ints(`${layer.name}.grouped_shape`, [0, groups, -1])], `${layer.name}.grouped`);
  const ones = graph.constant(`${layer.name}.unit_scale`, [groups], new Float32Array(groups).fill(1));
  const zeros = graph.constant(`${layer.name}.zero_bias`, [groups], new Float32Array(groups));
  const normed = graph.node('InstanceNormalization', [grouped, ones, zeros], `${layer.name}.normed`, { epsilon: { floats: [epsilon] } });
  const back = graph.node('Reshape', [normed, graph.node('Shape', [x], `${layer.name}.shape`)], `${layer.name}.ungrouped`);
  const gamma = weight(layer, 'gamma').data;
  const beta = weight(layer, 'beta').data;
  const dims = [gamma.length, 1, 1];
  const scaled = graph.node('Mul', [back, graph.constant(`${layer.name}.gamma`, dims, gamma)], `${layer.name}.scaled`);
  return graph.node('Add', [scaled, graph.constant(`${layer.name}.beta`, dims, beta)], layer.name);
}

/** The 1-D int64 size of spatial axis `axis` (2: height, 3: width) of `x`. */
const spatialSize = (graph: OnnxGraph, x: string, axis: number, name: string): string =>
  graph.node('Shape', [x], name, { start: axis, end: axis + 1 });

/**
 * `nn.AdaptiveAvgPool2d(out)` for sizes only known at run time: PyTorch's bins
 * [floor(i*n/out), ceil((i+1)*n/out)) are computed from the input's shape in the graph.
 */
function emitAdaptiveAvgPool(ctx: LayerContext): string {
  const { graph, layer } = ctx;
  const out = (configOf(layer) as { outputSize: number }).outputSize;
  const x = ctx.inputs[0]!;
  if (out === 1) return graph.node('GlobalAveragePool', [x], layer.name);
  const outC = graph.ints(`${layer.name}.bins`, [out]);
  const bins = (axis: number) => {
    const n = spatialSize(graph, x, axis, `${layer.name}.size${axis}`);
    return Array.from({ length: out }, (_, i) => {
      const from = graph.node('Div', [graph.node('Mul', [n, graph.ints(`${layer.name}.i`, [i])], `${layer.name}.from_n`), outC], `${layer.name}.from`);
      const upper = graph.node('Add', [graph.node('Mul', [n, graph.ints(`${layer.name}.i1`, [i + 1])], `${layer.name}.to_n`), graph.ints(`${layer.name}.round`, [out - 1])], `${layer.name}.to_up`);
      return { from, to: graph.node('Div', [upper, outC], `${layer.name}.to`) };
    });
  };
  const rows = bins(2);
  const columns = bins(3);
  const slice = (input: string, bin: { from: string; to: string }, axis: number) =>
    graph.node('ReduceMean', [graph.node('Slice', [input, bin.from, bin.to, graph.ints(`${layer.name}.axis`, [axis])], `${layer.name}.slice`)], `${layer.name}.mean`, { axes: [axis], keepdims: 1 });
  const bands = rows.map((row) => {
    const band = slice(x, row, 2);
    return graph.node('Concat', columns.map((column) => slice(band, column, 3)), `${layer.name}.row`, { axis: 3 });
  });
  return graph.node('Concat', bands, layer.name, { axis: 2 });
}

/**
 * UpSampling2D and MicrosegResize as tfjs computes them: nearest neighbour is floor(dst * in/out)
 * (ONNX 'asymmetric' + 'floor'), bilinear without align_corners has no half-pixel offset in tfjs
 * ('asymmetric'), align_corners maps corner to corner.
 */
function emitResize(ctx: LayerContext): string {
  const { graph, layer } = ctx;
  const config = configOf(layer);
  const className = layer.getClassName();
  let mode: string;
  let alignCorners: boolean;
  let scales: string | undefined;
  let sizes: string | undefined;
  if (className === 'UpSampling2D') {
    const [sh, sw] = pair(config.size);
    if (config.interpolation !== 'nearest') throw new Error(`${layer.name}: UpSampling2D '${String(config.interpolation)}' is not exported`);
    mode = 'nearest';
    alignCorners = false;
    scales = graph.floats(`${layer.name}.scales`, [1, 1, sh, sw]);
  } else {
    mode = config.mode === 'bilinear' ? 'linear' : 'nearest';
    alignCorners = config.alignCorners as boolean;
    if (typeof config.scale === 'number') {
      scales = graph.floats(`${layer.name}.scales`, [1, 1, config.scale, config.scale]);
    } else {
      const divisor = config.divisor as number;
      const like = ctx.inputs[1]!;
      let spatial = graph.node('Shape', [like], `${layer.name}.like_size`, { start: 2, end: 4 });
      if (divisor !== 1) spatial = graph.node('Div', [spatial, graph.ints(`${layer.name}.divisor`, [divisor, divisor])], `${layer.name}.target`);
      const batchChannels = graph.node('Shape', [ctx.inputs[0]!], `${layer.name}.nc`, { start: 0, end: 2 });
      sizes = graph.node('Concat', [batchChannels, spatial], `${layer.name}.sizes`, { axis: 0 });
    }
  }
  return graph.node('Resize', [ctx.inputs[0]!, '', scales ?? '', sizes ?? ''], layer.name, {
    mode,
    coordinate_transformation_mode: alignCorners ? 'align_corners' : 'asymmetric',
    // tfjs rounds half up with align_corners and floors otherwise.
    nearest_mode: alignCorners ? 'round_prefer_ceil' : 'floor',
  });
}

function emitChannelSlice(ctx: LayerContext): string {
  const { begin, size } = configOf(ctx.layer) as { begin: number; size: number };
  const { graph, layer } = ctx;
  return graph.node('Slice', [ctx.inputs[0]!, graph.ints(`${layer.name}.begin`, [begin]), graph.ints(`${layer.name}.end`, [begin + size]), graph.ints(`${layer.name}.axes`, [1])], layer.name);
}

function emitChain(ctx: LayerContext, op: 'Add' | 'Mul'): string {
  if (ctx.inputs.length === 2 || op === 'Mul') {
    return ctx.inputs.slice(1).reduce((acc, x, i) => ctx.graph.node(op, [acc, x], i === ctx.inputs.length - 2 ? ctx.layer.name : `${ctx.layer.name}.partial`), ctx.inputs[0]!);
  }
  return ctx.graph.node('Sum', ctx.inputs, ctx.layer.name);
}

/** Layers without weights to fold: one emitter per tfjs class name. */
export const LAYER_EMITTERS: Record<string, (ctx: LayerContext) => string> = {
  Activation: (ctx) => emitActivation(ctx.graph, configOf(ctx.layer).activation as string, ctx.inputs[0]!, ctx.layer.name),
  ZeroPadding2D: (ctx) => emitPad(ctx.graph, ctx.layer.name, ctx.inputs[0]!, zeroPaddingPads(ctx.layer)),
  BatchNormalization: emitBatchNorm,
  MaxPooling2D: (ctx) => emitPool(ctx, 'MaxPool'),
  AveragePooling2D: (ctx) => emitPool(ctx, 'AveragePool'),
  MicrosegTorchMaxPool2D: emitTorchMaxPool,
  MicrosegAdaptiveAvgPool2D: emitAdaptiveAvgPool,
  MicrosegGroupNormalization: emitGroupNorm,
  MicrosegChannelSlice: emitChannelSlice,
  UpSampling2D: emitResize,
  MicrosegResize: emitResize,
  Add: (ctx) => emitChain(ctx, 'Add'),
  Multiply: (ctx) => emitChain(ctx, 'Mul'),
  Concatenate: (ctx) => ctx.graph.node('Concat', ctx.inputs, ctx.layer.name, { axis: channelAxis(ctx.layer) }),
};
