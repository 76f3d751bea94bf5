import * as tfl from '@tensorflow/tfjs-layers';
import { AdaptiveAvgPool2D } from '../layers/adaptive-avg-pool.ts';
import { GroupNormalization } from '../layers/group-norm.ts';
import { GroupedConv2D } from '../layers/grouped-conv2d.ts';
import { Resize } from '../layers/resize.ts';

/**
 * The PyTorch modules SMP networks are made of, as tfjs-layers calls. Every layer that holds
 * weights is named with its PyTorch module path (`encoder.layer1.0.conv1`): the weight mapping
 * in ../weights reads those names back, so the mapping survives a model.json round trip.
 */
export type Tensor = tfl.SymbolicTensor;

/** [top, bottom, left, right], as `F.pad` / efficientnet's static same padding give it. */
export type Padding = number | [number, number, number, number];

export interface ConvOptions {
  filters: number;
  kernel: number;
  stride?: number;
  padding?: Padding;
  dilation?: number;
  groups?: number;
  bias?: boolean;
}

export const channelsOf = (x: Tensor): number => x.shape[3] as number;

const apply = (layer: tfl.layers.Layer, x: Tensor | Tensor[]): Tensor => layer.apply(x) as Tensor;

function padTuple(p: Padding): [number, number, number, number] {
  return typeof p === 'number' ? [p, p, p, p] : p;
}

export function zeroPad(x: Tensor, padding: Padding): Tensor {
  const [t, b, l, r] = padTuple(padding);
  if (t + b + l + r === 0) return x;
  return apply(tfl.layers.zeroPadding2d({ padding: [[t, b], [l, r]] }), x);
}

/** `nn.Conv2d`: 'same' where PyTorch's symmetric padding equals it (stride 1), else explicit padding. */
export function conv2d(x: Tensor, name: string, o: ConvOptions): Tensor {
  const stride = o.stride ?? 1;
  const dilation = o.dilation ?? 1;
  const groups = o.groups ?? 1;
  const useBias = o.bias ?? true;
  const [t, b, l, r] = padTuple(o.padding ?? 0);
  const half = ((o.kernel - 1) * dilation) / 2;
  const same = stride === 1 && t === half && b === half && l === half && r === half && half > 0;
  const input = same ? x : zeroPad(x, [t, b, l, r]);
  const padding = same ? 'same' : 'valid';
  const inChannels = channelsOf(x);
  if (groups === 1) {
    return apply(
      tfl.layers.conv2d({
        name, filters: o.filters, kernelSize: o.kernel, strides: stride, dilationRate: dilation, padding, useBias,
        kernelInitializer: 'heUniform',
      }),
      input,
    );
  }
  if (groups === inChannels && o.filters % inChannels === 0 && dilation === 1) {
    return apply(
      tfl.layers.depthwiseConv2d({
        name, kernelSize: o.kernel, strides: stride, dilationRate: dilation, padding, useBias,
        depthMultiplier: o.filters / inChannels, depthwiseInitializer: 'heUniform',
      }),
      input,
    );
  }
  const paddedInput = same ? zeroPad(x, [t, b, l, r]) : input;
  return apply(
    new GroupedConv2D({ name, filters: o.filters, kernelSize: o.kernel, strides: stride, dilationRate: dilation, groups, useBias }),
    paddedInput,
  );
}

/** `nn.BatchNorm2d` (PyTorch eps 1e-5; efficientnet-pytorch uses 1e-3). */
export function batchNorm(x: Tensor, name: string, epsilon = 1e-5): Tensor {
  return apply(tfl.layers.batchNormalization({ name, axis: 3, epsilon, momentum: 0.9 }), x);
}

export function groupNorm(x: Tensor, name: string, groups: number): Tensor {
  return apply(new GroupNormalization({ name, groups }), x);
}

export type Activation = 'relu' | 'relu6' | 'sigmoid' | 'swish' | 'softmax' | 'linear';

export function activation(x: Tensor, kind: Activation, name?: string): Tensor {
  if (kind === 'linear') return x;
  return apply(tfl.layers.activation(name === undefined ? { activation: kind } : { activation: kind, name }), x);
}

export const relu = (x: Tensor): Tensor => activation(x, 'relu');

/** Conv -> BN -> activation, the unit most SMP blocks are made of (conv bias off under BN). */
export function convBnAct(
  x: Tensor,
  names: { conv: string; bn: string },
  o: ConvOptions,
  act: Activation = 'relu',
  epsilon = 1e-5,
): Tensor {
  return activation(batchNorm(conv2d(x, names.conv, { bias: false, ...o }), names.bn, epsilon), act);
}

export interface PoolOptions {
  kernel: number;
  stride?: number;
  padding?: number;
  ceilMode?: boolean;
}

function poolPadding(x: Tensor, o: PoolOptions): [number, number, number, number] {
  const stride = o.stride ?? o.kernel;
  const p = o.padding ?? 0;
  const extra = (size: number) => {
    if (!o.ceilMode) return 0;
    let out = Math.ceil((size + 2 * p - o.kernel) / stride) + 1;
    // PyTorch drops a last window that would start inside the right padding.
    if ((out - 1) * stride >= size + p) out -= 1;
    return Math.max(0, (out - 1) * stride + o.kernel - (size + 2 * p));
  };
  const h = x.shape[1] as number;
  const w = x.shape[2] as number;
  return [p, p + extra(h), p, p + extra(w)];
}

/**
 * `nn.MaxPool2d`. PyTorch pads with -inf; every padded max pool in these encoders follows a ReLU,
 * so padding with zeros gives the same maxima (a window always holds at least one real value).
 */
export function maxPoolAfterRelu(x: Tensor, o: PoolOptions): Tensor {
  const input = zeroPad(x, poolPadding(x, o));
  return apply(tfl.layers.maxPooling2d({ poolSize: o.kernel, strides: o.stride ?? o.kernel, padding: 'valid' }), input);
}

/** `nn.MaxPool2d` without padding, valid for any input sign. */
export function maxPool(x: Tensor, kernel: number, stride = kernel): Tensor {
  return apply(tfl.layers.maxPooling2d({ poolSize: kernel, strides: stride, padding: 'valid' }), x);
}

export function avgPool(x: Tensor, kernel: number, stride = kernel): Tensor {
  return apply(tfl.layers.averagePooling2d({ poolSize: kernel, strides: stride, padding: 'valid' }), x);
}

export function adaptiveAvgPool(x: Tensor, outputSize: number): Tensor {
  return apply(new AdaptiveAvgPool2D({ outputSize }), x);
}

// Merge layers keep the array they are applied to, so callers' arrays are copied (DenseNet grows its own).
export const add = (xs: Tensor[]): Tensor => apply(tfl.layers.add(), [...xs]);
export const multiply = (xs: Tensor[]): Tensor => apply(tfl.layers.multiply(), [...xs]);
export const concat = (xs: Tensor[]): Tensor => (xs.length === 1 ? xs[0]! : apply(tfl.layers.concatenate({ axis: 3 }), [...xs]));

/** `F.interpolate(scale_factor=2, mode='nearest')`. */
export const upsampleNearest = (x: Tensor, scale = 2): Tensor =>
  apply(tfl.layers.upSampling2d({ size: [scale, scale], interpolation: 'nearest' }), x);

/** Bilinear `F.interpolate` by a scale factor. */
export const upsampleBilinear = (x: Tensor, scale: number, alignCorners: boolean): Tensor =>
  scale === 1 ? x : apply(new Resize({ mode: 'bilinear', alignCorners, scale }), x);

/** Bilinear `F.interpolate(size=like.shape // divisor)`. */
export const resizeLike = (x: Tensor, like: Tensor, alignCorners: boolean, divisor = 1): Tensor =>
  apply(new Resize({ mode: 'bilinear', alignCorners, divisor }), [x, like]);
