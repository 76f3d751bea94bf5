import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Shape = (number | null)[];

export interface GroupedConv2DArgs {
  name?: string;
  filters: number;
  kernelSize: number;
  strides?: number;
  dilationRate?: number;
  groups: number;
  useBias?: boolean;
}

/**
 * PyTorch's `Conv2d(groups=g)` (ResNeXt, DPN): tfjs `conv2d` has no groups, so the input and the
 * kernel are split into `g` slices, convolved separately and concatenated, which is exactly
 * the grouped convolution. Padding is always 'valid': callers pad explicitly as PyTorch does.
 * The kernel is stored as one [kh, kw, in/g, out] tensor so it maps 1:1 onto PyTorch's weight.
 * It also serves dilated depthwise convs: tfjs-layers' DepthwiseConv2D ignores dilationRate.
 */
export class GroupedConv2D extends tfl.layers.Layer {
  static readonly className = 'MicrosegGroupedConv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly dilationRate: number;
  readonly groups: number;
  readonly useBias: boolean;
  private kernel?: tfl.LayerVariable;
  private bias?: tfl.LayerVariable;

  constructor(args: GroupedConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? 1;
    this.dilationRate = args.dilationRate ?? 1;
    this.groups = args.groups;
    this.useBias = args.useBias ?? true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = inputShape as Shape;
    const channels = shape[3] as number;
    if (channels % this.groups !== 0 || this.filters % this.groups !== 0) {
      throw new Error(`grouped conv ${this.name}: channels ${channels}->${this.filters} not divisible by ${this.groups}`);
    }
    const k = this.kernelSize;
    this.kernel = this.addWeight('kernel', [k, k, channels / this.groups, this.filters], 'float32', tfl.initializers.heUniform({}));
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [n, h, w] = inputShape as Shape;
    const span = (this.kernelSize - 1) * this.dilationRate + 1;
    const out = (size: number | null | undefined) =>
      size == null ? null : Math.floor((size - span) / this.strides) + 1;
    return [n ?? null, out(h), out(w), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const kernel = this.kernel!.read() as tf.Tensor4D;
      const channels = x.shape[3];
      let y: tf.Tensor;
      if (this.groups === channels) {
        // Depthwise: PyTorch's output channel c*m + j is tfjs' depthwise [.., c, j].
        const [kh, kw] = kernel.shape;
        const depthwise = tf.reshape<tf.Rank.R4>(kernel, [kh, kw, channels, this.filters / channels]);
        y = tf.depthwiseConv2d(x, depthwise, this.strides, 'valid', 'NHWC', this.dilationRate);
      } else {
        const xs = tf.split<tf.Tensor4D>(x, this.groups, 3);
        const ks = tf.split<tf.Tensor4D>(kernel, this.groups, 3);
        const parts = xs.map((xi, i) => tf.conv2d(xi, ks[i]!, this.strides, 'valid', 'NHWC', this.dilationRate));
        y = parts.length === 1 ? parts[0]! : tf.concat(parts, 3);
      }
      return this.bias ? tf.add(y, this.bias.read()) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      dilationRate: this.dilationRate,
      groups: this.groups,
      useBias: this.useBias,
    };
  }
}
tf.serialization.registerClass(GroupedConv2D);
