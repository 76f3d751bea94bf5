import type { SixteenBitInput } from '../inference/conventions.ts';
import { IMAGENET_NORMALISATION, type ImageInput, type Normalisation, channelNormaliser, validateImage } from '../inference/image-input.ts';
import type { TensorRunner } from '../inference/segment-tiles.ts';

/** The encoders' total stride: a window side is a multiple of it. */
const ENCODER_STRIDE = 32;

export interface FeatureWindowOptions {
  /** Largest window side (the version's tile, 512 in the paper): the encoder sees what it sees in a tile. */
  window: number;
  /** At most this many windows per image, spread evenly over it: bounds the extra compute on large images. */
  maxWindows?: number;
  normalisation?: Normalisation;
  sixteenBit?: SixteenBitInput;
}

export interface EncoderFeatures {
  /** Feature vectors [count, dims]: one per position of the deepest feature map of each window. */
  vectors: Float32Array;
  count: number;
  dims: number;
  windows: number;
  /** The window side used: the largest multiple of 32 not above `window` that fits in the image. */
  window: number;
}

const DEFAULT_MAX_WINDOWS = 16;

/** Window origins along one axis: `count` windows of `size` spread evenly over [0, length), the last one flush with the end. */
function origins(length: number, size: number): number[] {
  const count = Math.ceil(length / size);
  if (count === 1) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - size)) / (count - 1)));
}

/** Evenly spaced picks of `k` out of `n` items (all when k >= n). */
function spread<T>(items: T[], k: number): T[] {
  if (items.length <= k) return items;
  return Array.from({ length: k }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / k)]!);
}

/**
 * The windows an image's features come from: squares inside the image (never padded, so no
 * padding shows in the features), as large as the version's tile, covering it, at most maxWindows.
 * Undefined for an image under 32 px: an encoder has no deepest feature map for it.
 */
export function featureWindows(width: number, height: number, options: Pick<FeatureWindowOptions, 'window' | 'maxWindows'>) {
  const side = Math.floor(Math.min(options.window, width, height) / ENCODER_STRIDE) * ENCODER_STRIDE;
  if (side < ENCODER_STRIDE) return undefined;
  const all = origins(height, side).flatMap((y) => origins(width, side).map((x) => ({ x, y })));
  return { side, positions: spread(all, options.maxWindows ?? DEFAULT_MAX_WINDOWS) };
}

/**
 * Runs the encoder over the image's feature windows (normalised as the version's tiles are) and
 * returns every position of its deepest feature map: what the out-of-distribution score compares
 * with the training images'. Undefined for an image too small to have one.
 */
export async function encoderFeatures(image: ImageInput, encoder: TensorRunner, options: FeatureWindowOptions): Promise<EncoderFeatures | undefined> {
  validateImage(image);
  const windows = featureWindows(image.width, image.height, options);
  if (!windows) return undefined;
  const { side, positions } = windows;
  const normalise = channelNormaliser(image, options.normalisation ?? IMAGENET_NORMALISATION, options.sixteenBit);
  const { width, channels, data } = image;
  const rgb = channels === 1 ? [0, 0, 0] : [0, 1, 2];
  const parts: Float32Array[] = [];
  let dims = 0;
  for (const { x, y } of positions) {
    const tile = new Float32Array(side * side * 3);
    for (let ty = 0; ty < side; ty++) {
      for (let tx = 0; tx < side; tx++) {
        const s = ((y + ty) * width + x + tx) * channels;
        const o = (ty * side + tx) * 3;
        for (let c = 0; c < 3; c++) tile[o + c] = normalise(data[s + rgb[c]!]!, c);
      }
    }
    // One window at a time: the encoder's memory stays that of one tile whatever the image's size.
    const output = await encoder.run({ shape: [1, side, side, 3], data: tile });
    dims = output.shape[3]!;
    parts.push(output.data);
  }
  const vectors = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    vectors.set(part, offset);
    offset += part.length;
  }
  return { vectors, count: vectors.length / dims, dims, windows: positions.length, window: side };
}
