import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Shape = (number | null)[];

/**
 * `x[:, begin:begin + size]` over channels. DPN splits one conv's output into its residual and
 * dense paths; splitting the conv instead would break the 1:1 mapping onto PyTorch's weight.
 */
export class ChannelSlice extends tfl.layers.Layer {
  static readonly className = 'MicrosegChannelSlice';
  readonly begin: number;
  readonly size: number;

  constructor(args: { name?: string; begin: number; size: number }) {
    super(args);
    this.begin = args.begin;
    this.size = args.size;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [n, h, w] = inputShape as Shape;
    return [n ?? null, h ?? null, w ?? null, this.size];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.slice(x, [0, 0, 0, this.begin], [-1, -1, -1, this.size]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), begin: this.begin, size: this.size };
  }
}
tf.serialization.registerClass(ChannelSlice);

export const channelSlice = (x: tfl.SymbolicTensor, begin: number, size: number): tfl.SymbolicTensor =>
  new ChannelSlice({ begin, size }).apply(x) as tfl.SymbolicTensor;
