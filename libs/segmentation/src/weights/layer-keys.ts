import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** How one tfjs weight is filled from one PyTorch tensor. */
export interface WeightBinding {
  torchKey: string;
  variable: tfl.LayerVariable;
  /** tfjs shape expected from the torch tensor after conversion. */
  convert(values: Float32Array, torchShape: number[]): tf.Tensor;
  /** The torch shape that converts to the tfjs shape. */
  torchShape: number[];
}

const role = (v: tfl.LayerVariable): string => v.originalName.split('/').pop() ?? v.originalName;

const asIs = (values: Float32Array, shape: number[]) => tf.tensor(values, shape);

/** OIHW -> HWIO (Conv2d, grouped conv); [in,out,kh,kw] -> [kh,kw,out,in] (ConvTranspose2d). */
const toHwio = (values: Float32Array, shape: number[]) => tf.tidy(() => tf.transpose(tf.tensor(values, shape), [2, 3, 1, 0]));

/** Depthwise [C*m,1,kh,kw] -> [kh,kw,C,m]. */
function depthwiseConverter(channelMultiplier: number) {
  return (values: Float32Array, shape: number[]) =>
    tf.tidy(() => {
      const [out, , kh, kw] = shape as [number, number, number, number];
      return tf.transpose(tf.tensor(values, [out / channelMultiplier, channelMultiplier, kh, kw]), [2, 3, 0, 1]);
    });
}

const BN_KEYS: Readonly<Record<string, string>> = { gamma: 'weight', beta: 'bias', moving_mean: 'running_mean', moving_variance: 'running_var' };

/** The PyTorch tensors a layer's weights come from; the layer's name is its PyTorch module path. */
export function bindingsOf(layer: tfl.layers.Layer): WeightBinding[] {
  const cls = layer.getClassName();
  return layer.weights.map((variable) => {
    const r = role(variable);
    const s = variable.shape as number[];
    const bind = (suffix: string, torchShape: number[], convert: WeightBinding['convert'] = asIs): WeightBinding => ({
      torchKey: `${layer.name}.${suffix}`, variable, torchShape, convert,
    });
    if (r === 'bias') return bind('bias', s);
    switch (cls) {
      case 'Conv2D':
      case 'MicrosegGroupedConv2D':
        return bind('weight', [s[3]!, s[2]!, s[0]!, s[1]!], toHwio);
      case 'Conv2DTranspose':
        return bind('weight', [s[3]!, s[2]!, s[0]!, s[1]!], toHwio);
      case 'DepthwiseConv2D':
        return bind('weight', [s[2]! * s[3]!, 1, s[0]!, s[1]!], depthwiseConverter(s[3]!));
      case 'BatchNormalization':
      case 'MicrosegGroupNormalization':
        return bind(BN_KEYS[r] ?? r, s);
      case 'Dense':
        return bind('weight', [s[1]!, s[0]!], (values, shape) => tf.tidy(() => tf.transpose(tf.tensor(values, shape))));
      default:
        throw new Error(`no PyTorch mapping for ${cls} weight ${variable.originalName}`);
    }
  });
}

/** Buffers PyTorch saves that have no tfjs counterpart. */
export const isIgnorableBuffer = (key: string): boolean => key.endsWith('.num_batches_tracked');
