import { invalidInput } from '@microseg/errors';
import sharp from 'sharp';
import { type ClassDefinition, colourToHex, hexToRgbKey } from './class-schema.ts';
import { type DecodedImage, decodeImage, inspectImage } from './decode-image.ts';
import type { DecoderOptions } from './decoder-limits.ts';

export const MaskKind = { index: 'index', colour: 'colour' } as const;
export type MaskKind = (typeof MaskKind)[keyof typeof MaskKind];

export interface MaskExpectation extends DecoderOptions {
  /** The image the mask belongs to: the mask must have exactly its size. */
  width: number;
  height: number;
  classes: readonly ClassDefinition[];
}

export interface ValidatedMask {
  /** index: one channel, pixel value = class index; colour: RGB, read through the class colours. */
  kind: MaskKind;
  /** Pixels per class index, every class of the schema listed (0 when absent). */
  classPixels: Record<string, number>;
  /** The mask as an 8-bit index PNG; undefined when the uploaded file already is exactly that. */
  indexPng: Buffer | undefined;
}

/** How many offending values or colours an error lists; the total is always given. */
const LISTED = 20;

/**
 * Validates a mask against its image and the dataset's classes. A one-channel mask is an index
 * mask (values must be class indices); an RGB mask is a colour mask (every colour must be a
 * class colour). Refusals name the offending values or colours with their pixel counts.
 */
export async function validateMask(bytes: Uint8Array, expected: MaskExpectation): Promise<ValidatedMask> {
  // The header first: a mask of the wrong size or kind is refused without decoding it.
  const info = await inspectImage(bytes, expected);
  if (info.lossy) {
    throw invalidInput('masks must be lossless (PNG or TIFF): JPEG compression invents class values at edges', {
      problem: 'lossy-mask',
      format: info.format,
    });
  }
  if (info.width !== expected.width || info.height !== expected.height) {
    throw invalidInput(
      `the mask is ${info.width}x${info.height} but its image is ${expected.width}x${expected.height}`,
      { problem: 'mask-size-mismatch', mask: { width: info.width, height: info.height }, image: { width: expected.width, height: expected.height } },
    );
  }
  const decoded = await decodeImage(bytes, expected);
  const indices = info.channels === 1 ? checkIndexValues(decoded, expected.classes) : mapColours(decoded, expected.classes);
  const classPixels = countPerClass(indices, expected.classes);
  const alreadyIndexPng = info.channels === 1 && info.bitDepth === 8 && info.isNormalisedPng;
  return {
    kind: info.channels === 1 ? 'index' : 'colour',
    classPixels,
    indexPng: alreadyIndexPng ? undefined : await encodeIndexPng(indices, info.width, info.height),
  };
}

function checkIndexValues({ pixels }: DecodedImage, classes: readonly ClassDefinition[]): Uint8Array {
  const known = new Set(classes.map((c) => c.index));
  const unknown = new Map<number, number>();
  for (const value of pixels) {
    if (!known.has(value)) unknown.set(value, (unknown.get(value) ?? 0) + 1);
  }
  if (unknown.size > 0) {
    const listed = sortedByCount(unknown).map(([value, pixelCount]) => ({ value, pixels: pixelCount }));
    throw invalidInput(
      `the index mask has values that are not class indices (${classList(classes)}): ${listed
        .map((u) => `${u.value} (${u.pixels} px)`)
        .join(', ')}${unknown.size > LISTED ? ` and ${unknown.size - LISTED} more` : ''}`,
      { problem: 'mask-values-out-of-range', unknownValues: listed, unknownValueCount: unknown.size },
    );
  }
  return pixels instanceof Uint8Array ? pixels : Uint8Array.from(pixels);
}

function mapColours({ pixels, info }: DecodedImage, classes: readonly ClassDefinition[]): Uint8Array {
  if (info.bitDepth !== 8) {
    throw invalidInput('colour masks must be 8-bit RGB', { problem: 'unsupported-bit-depth', bitDepth: info.bitDepth });
  }
  const byColour = new Map(classes.map((c) => [hexToRgbKey(c.color), c.index]));
  const indices = new Uint8Array(info.width * info.height);
  const unknown = new Map<number, number>();
  for (let i = 0, p = 0; i < indices.length; i++, p += 3) {
    const key = ((pixels[p] ?? 0) << 16) | ((pixels[p + 1] ?? 0) << 8) | (pixels[p + 2] ?? 0);
    const index = byColour.get(key);
    if (index === undefined) unknown.set(key, (unknown.get(key) ?? 0) + 1);
    else indices[i] = index;
  }
  if (unknown.size > 0) {
    const listed = sortedByCount(unknown).map(([key, pixelCount]) => ({
      color: colourToHex(key >> 16, (key >> 8) & 0xff, key & 0xff),
      pixels: pixelCount,
    }));
    throw invalidInput(
      `the colour mask has ${unknown.size} colour(s) that are not class colours (${classes
        .map((c) => `${c.color} ${c.name}`)
        .join(', ')}): ${listed.map((u) => `${u.color} (${u.pixels} px)`).join(', ')}${
        unknown.size > LISTED ? ` and ${unknown.size - LISTED} more` : ''
      }`,
      { problem: 'unknown-mask-colours', unknownColours: listed, unknownColourCount: unknown.size },
    );
  }
  return indices;
}

function countPerClass(indices: Uint8Array, classes: readonly ClassDefinition[]): Record<string, number> {
  const counts = new Array<number>(256).fill(0);
  for (const value of indices) counts[value] = (counts[value] ?? 0) + 1;
  return Object.fromEntries(classes.map((c) => [String(c.index), counts[c.index] ?? 0]));
}

const sortedByCount = (counts: Map<number, number>): [number, number][] =>
  [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, LISTED);

const classList = (classes: readonly ClassDefinition[]) => classes.map((c) => `${c.index} ${c.name}`).join(', ');

/** Encodes class indices as a one-channel 8-bit PNG, the form training and export read. */
export function encodeIndexPng(indices: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(indices, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png({ compressionLevel: 6 }).toBuffer();
}
