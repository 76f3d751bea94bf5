import sharp from 'sharp';
import { assertSameSize } from './evaluation.ts';
import { type IndexMask, classValuesOf } from './index-mask.ts';

/** Colours of the MicroNet paper's accuracy map. */
export const ACCURACY_COLOURS = {
  truePositive: [255, 255, 255],
  falseNegative: [255, 0, 255],
  falsePositive: [0, 255, 255],
  trueNegative: [0, 0, 0],
} as const;

/**
 * The accuracy map as RGB bytes (row-major, 3 per pixel): per class in order, as the paper's code
 * paints it, true positives white, false negatives magenta, false positives cyan; the rest black.
 * A later class paints over an earlier one where both apply.
 */
export function accuracyMap(
  predicted: IndexMask,
  truth: IndexMask,
  classes?: readonly number[],
): Uint8Array {
  assertSameSize(predicted, truth);
  const scored =
    classes ??
    [...new Set([...classValuesOf(predicted), ...classValuesOf(truth)])].filter((v) => v !== 0);
  const rgb = new Uint8Array(truth.width * truth.height * 3);
  const p = predicted.data;
  const t = truth.data;
  for (const value of scored) {
    for (let i = 0; i < t.length; i++) {
      const isTruth = t[i] === value;
      const isPredicted = p[i] === value;
      const colour = isTruth
        ? isPredicted
          ? ACCURACY_COLOURS.truePositive
          : ACCURACY_COLOURS.falseNegative
        : isPredicted
          ? ACCURACY_COLOURS.falsePositive
          : undefined;
      if (colour) rgb.set(colour, i * 3);
    }
  }
  return rgb;
}

/** The accuracy map as an RGB PNG. */
export async function renderAccuracyMap(
  predicted: IndexMask,
  truth: IndexMask,
  classes?: readonly number[],
): Promise<Buffer> {
  const rgb = accuracyMap(predicted, truth, classes);
  return sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), {
    raw: { width: truth.width, height: truth.height, channels: 3 },
  })
    .png()
    .toBuffer();
}
