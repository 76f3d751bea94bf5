import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Shape = (number | null)[];

export interface ResizeArgs {
  name?: string;
  mode: 'bilinear' | 'nearest';
  /** PyTorch's `align_corners`; `nn.UpsamplingBilinear2d` uses true. */
  alignCorners: boolean;
  /** One input: output = input size x scale. */
  scale?: number;
  /** Two inputs [x, like]: output = floor(like size / divisor), as `F.interpolate(size=...)`. */
  divisor?: number;
}

/**
 * `F.interpolate` as SMP calls it. tfjs-layers' UpSampling2D has no align_corners and cannot
 * take its size from another tensor (PSPNet, PAN and DeepLab resize to a feature map's size).
 */
export class Resize extends tfl.layers.Layer {
  static readonly className = 'MicrosegResize';
  readonly mode: 'bilinear' | 'nearest';
  readonly alignCorners: boolean;
  readonly scale: number;
  readonly divisor: number;
  readonly fromReference: boolean;

  constructor(args: ResizeArgs) {
    super(args);
    this.mode = args.mode;
    this.alignCorners = args.alignCorners;
    this.scale = args.scale ?? 1;
    this.divisor = args.divisor ?? 1;
    this.fromReference = args.scale === undefined;
  }

  private targetSize(x: Shape, like?: Shape): [number | null, number | null] {
    if (this.fromReference) {
      const h = like?.[1];
      const w = like?.[2];
      return [h == null ? null : Math.floor(h / this.divisor), w == null ? null : Math.floor(w / this.divisor)];
    }
    const h = x[1];
    const w = x[2];
    return [h == null ? null : Math.floor(h * this.scale), w == null ? null : Math.floor(w * this.scale)];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [x, like] = this.fromReference ? (inputShape as Shape[]) : [inputShape as Shape, undefined];
    const [h, w] = this.targetSize(x, like);
    return [x[0] ?? null, h, w, x[3] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const x = list[0] as tf.Tensor4D;
      const [h, w] = this.targetSize(x.shape, list[1]?.shape) as [number, number];
      if (h === x.shape[1] && w === x.shape[2]) return tf.clone(x);
      return this.mode === 'bilinear'
        ? tf.image.resizeBilinear(x, [h, w], this.alignCorners)
        : tf.image.resizeNearestNeighbor(x, [h, w], this.alignCorners);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig(), mode: this.mode, alignCorners: this.alignCorners };
    if (this.fromReference) config.divisor = this.divisor;
    else config.scale = this.scale;
    return config;
  }
}
tf.serialization.registerClass(Resize);
