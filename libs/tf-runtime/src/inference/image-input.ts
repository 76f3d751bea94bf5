import { MicroSegError } from '@microseg/errors';
import { type SixteenBitInput, unitScaler } from './conventions.ts';

/** A decoded micrograph: interleaved, row-major pixels. 32-bit input is float already scaled to 0..1. */
export interface ImageInput {
  data: Uint8Array | Uint16Array | Float32Array;
  width: number;
  height: number;
  /** 1 (grayscale, replicated to RGB), 3 (RGB) or 4 (RGBA, alpha ignored). */
  channels: number;
  bitDepth: 8 | 16 | 32;
}

export interface Normalisation {
  mean: [number, number, number];
  std: [number, number, number];
}

/** The ImageNet statistics the paper's encoders were pretrained with. */
export const IMAGENET_NORMALISATION: Readonly<Normalisation> = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

const EXPECTED_ARRAY = { 8: Uint8Array, 16: Uint16Array, 32: Float32Array } as const;

export function validateImage(image: ImageInput): void {
  const { width, height, channels, bitDepth, data } = image;
  const fail = (message: string) =>
    new MicroSegError('INVALID_INPUT', message, { details: { width, height, channels, bitDepth, length: data?.length } });
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw fail(`image size ${width}x${height} is not positive`);
  if (channels !== 1 && channels !== 3 && channels !== 4) throw fail(`images must have 1, 3 or 4 channels, not ${channels}`);
  if (bitDepth !== 8 && bitDepth !== 16 && bitDepth !== 32) throw fail(`bit depth ${String(bitDepth)} is not supported (8, 16 or 32-bit float)`);
  if (!(data instanceof EXPECTED_ARRAY[bitDepth])) throw fail(`${bitDepth}-bit images need a ${EXPECTED_ARRAY[bitDepth].name}`);
  if (data.length !== width * height * channels) throw fail(`image data holds ${data.length} values, expected ${width * height * channels}`);
}

/**
 * Per-channel lookup from a stored value to the network's input: scale to 0..1 (16-bit samples as the
 * model version says), subtract the mean, divide by
 * the std. Integer depths use a table (at most 3 x 65536 floats) so tiling costs one lookup per value.
 */
export function channelNormaliser(
  image: ImageInput,
  normalisation: Normalisation,
  sixteenBit: SixteenBitInput = 'full_range',
): (value: number, channel: number) => number {
  const { mean, std } = normalisation;
  if (image.bitDepth === 32) return (value, c) => (value - mean[c]!) / std[c]!;
  const levels = image.bitDepth === 8 ? 256 : 65536;
  const unit = unitScaler(image.bitDepth, sixteenBit);
  const table = new Float32Array(levels * 3);
  for (let c = 0; c < 3; c++) {
    for (let v = 0; v < levels; v++) table[c * levels + v] = (unit(v) - mean[c]!) / std[c]!;
  }
  return (value, c) => table[c * levels + value]!;
}
