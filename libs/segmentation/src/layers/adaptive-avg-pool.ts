import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Shape = (number | null)[];

/** PyTorch's bins: [floor(i*n/out), ceil((i+1)*n/out)), overlapping where n is not a multiple. */
function bins(size: number, out: number): [number, number][] {
  return Array.from({ length: out }, (_, i) => [Math.floor((i * size) / out), Math.ceil(((i + 1) * size) / out)]);
}

/**
 * `nn.AdaptiveAvgPool2d(out)`. PSPNet pools to 1, 2, 3 and 6 bins from maps whose size is rarely
 * a multiple of 3 or 6, so a fixed-window average pool would not match PyTorch's bins.
 */
export class AdaptiveAvgPool2D extends tfl.layers.Layer {
  static readonly className = 'MicrosegAdaptiveAvgPool2D';
  readonly outputSize: number;

  constructor(args: { name?: string; outputSize: number }) {
    super(args);
    this.outputSize = args.outputSize;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = inputShape as Shape;
    return [s[0] ?? null, this.outputSize, this.outputSize, s[3] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [, h, w] = x.shape;
      if (this.outputSize === 1) return tf.mean(x, [1, 2], true);
      const rows = bins(h, this.outputSize).map(([r0, r1]) => {
        const band = tf.mean(tf.slice(x, [0, r0, 0, 0], [-1, r1 - r0, -1, -1]), 1, true);
        const cells = bins(w, this.outputSize).map(([c0, c1]) =>
          tf.mean(tf.slice(band, [0, 0, c0, 0], [-1, -1, c1 - c0, -1]), 2, true),
        );
        return tf.concat(cells, 2);
      });
      return tf.concat(rows, 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), outputSize: this.outputSize };
  }
}
tf.serialization.registerClass(AdaptiveAvgPool2D);
