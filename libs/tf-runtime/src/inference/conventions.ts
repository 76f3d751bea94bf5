/**
 * How a model's per-pixel probabilities become a class index. `threshold` is the paper's rule:
 * pretrained-microscopy-models' `segmentation_models_inference`
 * (pretrained_microscopy_models/segmentation_training.py) rounds every channel of the sigmoid
 * (binary) or softmax2d (multi-class) output, so a class is set where its probability exceeds 0.5
 * (numpy rounds 0.5 to 0), drops channel 0 and treats the background (class 0, the matrix) as
 * "wherever the other classes are not". `argmax` takes the most probable class everywhere.
 */
export const ClassRule = { threshold: 'threshold', argmax: 'argmax' } as const;
export type ClassRule = (typeof ClassRule)[keyof typeof ClassRule];

/**
 * How 16-bit samples reach the network's 0..1 range. `full_range` divides by 65535 (MicroSeg's
 * default: no grey level is lost). `high_byte` is what the paper's code sees: its Dataset reads
 * images with `cv2.imread(path)` (pretrained_microscopy_models/io.py), whose default flags ask
 * OpenCV's TIFF decoder for 8 bits, which goes through libtiff's RGBA reader; for grey images
 * that keeps the high byte (tif_getimage.c put16bitbwtile: `BWmap[*wp >> 8]`), as OpenCV's PNG
 * decoder does (png_set_strip_16). The result is then divided by 255.
 * (libtiff rounds 16-bit RGB samples as (v + 128) / 257 instead; at most one grey level apart.)
 */
export const SixteenBitInput = { fullRange: 'full_range', highByte: 'high_byte' } as const;
export type SixteenBitInput = (typeof SixteenBitInput)[keyof typeof SixteenBitInput];

/** The 0..1 value of a stored sample of this bit depth (32-bit input is float, already 0..1). */
export function unitScaler(bitDepth: 8 | 16 | 32, sixteenBit: SixteenBitInput = 'full_range'): (value: number) => number {
  if (bitDepth === 8) return (value) => value / 255;
  if (bitDepth === 32) return (value) => value;
  return sixteenBit === 'high_byte' ? (value) => (value >> 8) / 255 : (value) => value / 65535;
}

/**
 * The class of one pixel from its probabilities p[offset .. offset + classes). A binary model (one
 * sigmoid channel) gives 1 where p > 0.5 under either rule. Under `threshold`, when several
 * classes exceed 0.5 (impossible after a softmax, possible for multi-label outputs) the most
 * probable of them wins, and the lower index on a tie, as argmax does.
 */
export function pixelClass(p: ArrayLike<number>, offset: number, classes: number, rule: ClassRule): number {
  if (classes === 1) return p[offset]! > 0.5 ? 1 : 0;
  if (rule === 'argmax') {
    let best = 0;
    for (let c = 1; c < classes; c++) if (p[offset + c]! > p[offset + best]!) best = c;
    return best;
  }
  let best = 0;
  let bestP = 0.5;
  for (let c = 1; c < classes; c++) {
    if (p[offset + c]! > bestP) {
      best = c;
      bestP = p[offset + c]!;
    }
  }
  return best;
}

/** The class mask of probabilities [pixels, classes] under a rule. */
export function probabilitiesToMask(probabilities: ArrayLike<number>, classes: number, rule: ClassRule): Uint8Array | Uint16Array {
  const pixels = Math.floor(probabilities.length / classes);
  const mask = classes <= 256 ? new Uint8Array(pixels) : new Uint16Array(pixels);
  for (let i = 0; i < pixels; i++) mask[i] = pixelClass(probabilities, i * classes, classes, rule);
  return mask;
}
