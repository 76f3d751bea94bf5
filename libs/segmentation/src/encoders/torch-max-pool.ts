import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Shape = (number | null)[];

export interface TorchMaxPoolArgs {
  name?: string;
  kernel: number;
  stride?: number;
  padding?: number;
  ceilMode?: boolean;
}

/** PyTorch's output size, including ceil_mode's rule that the last window may not start in the right padding. */
function outputSize(size: number, kernel: number, stride: number, padding: number, ceilMode: boolean): number {
  const span = size + 2 * padding - kernel;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= size + padding) out -= 1;
  return out;
}

/**
 * `nn.MaxPool2d(kernel, stride, padding, ceil_mode)` for inputs of any sign and size. The graph is
 * built for `[null, null]` spatial sizes, so ceil_mode's extra bottom/right padding can only be
 * known per call: this layer pads with -inf (PyTorch's implicit padding) by what the actual input
 * needs and runs a valid max pool. Used by pretrainedmodels' SENet (`ceil_mode=True`) and by the
 * max pools that follow a batch norm rather than a ReLU (Xception).
 */
export class TorchMaxPool2D extends tfl.layers.Layer {
  static readonly className = 'MicrosegTorchMaxPool2D';
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly ceilMode: boolean;

  constructor(args: TorchMaxPoolArgs) {
    super(args);
    this.kernel = args.kernel;
    this.stride = args.stride ?? args.kernel;
    this.padding = args.padding ?? 0;
    this.ceilMode = args.ceilMode ?? false;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [n, h, w, c] = inputShape as Shape;
    const out = (size: number | null | undefined) =>
      size == null ? null : outputSize(size, this.kernel, this.stride, this.padding, this.ceilMode);
    return [n ?? null, out(h), out(w), c ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [, h, w] = x.shape;
      const extra = (size: number) =>
        Math.max(0, (outputSize(size, this.kernel, this.stride, this.padding, this.ceilMode) - 1) * this.stride + this.kernel - size - 2 * this.padding);
      const p = this.padding;
      const paddings: [number, number][] = [[0, 0], [p, p + extra(h)], [p, p + extra(w)], [0, 0]];
      const padded = paddings.some(([a, b]) => a + b > 0) ? tf.pad(x, paddings, Number.NEGATIVE_INFINITY) : x;
      return tf.maxPool(padded, this.kernel, this.stride, 'valid');
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kernel: this.kernel, stride: this.stride, padding: this.padding, ceilMode: this.ceilMode };
  }
}
tf.serialization.registerClass(TorchMaxPool2D);

export const torchMaxPool = (x: tfl.SymbolicTensor, args: TorchMaxPoolArgs): tfl.SymbolicTensor =>
  new TorchMaxPool2D(args).apply(x) as tfl.SymbolicTensor;
