import { type ClassRule, pixelClass } from './conventions.ts';

/**
 * How far the class rule's decision is moved to bound what the model is unsure of. Under the
 * `threshold` rule a class counts where its probability exceeds 0.5; the band's masks take it
 * where it exceeds `high` (lower mask: only the pixels the model is sure of) and `low` (upper
 * mask: every pixel it finds plausible). Under `argmax` the same band is a margin of
 * `high - low` between the class and its best rival, which for two classes is the same pair of
 * thresholds (p > 0.7 is p - (1 - p) > 0.4).
 */
export interface ProbabilityBand {
  low: number;
  high: number;
}

/** 0.3 and 0.7: a pixel the model gives 30-70 % is one it is unsure of (MicroSeg's choice, not the paper's). */
export const DEFAULT_PROBABILITY_BAND: ProbabilityBand = { low: 0.3, high: 0.7 };

export function assertProbabilityBand(band: ProbabilityBand): void {
  if (!(band.low >= 0 && band.low <= 0.5 && band.high >= 0.5 && band.high <= 1)) {
    throw new RangeError(`a probability band needs 0 <= low <= 0.5 <= high <= 1, got ${band.low}..${band.high}`);
  }
}

/**
 * The classes of one pixel on the band's lower and upper masks, from its probabilities
 * p[offset .. offset + classes). Class 0 is the background (the matrix): the lower mask gives a
 * foreground pixel back to it unless the model is sure, the upper mask takes a background pixel
 * for the most probable foreground class when that is plausible. A foreground pixel never moves
 * to another foreground class, so each class's lower mask lies inside its nominal mask, and the
 * nominal mask inside its upper mask.
 */
export function pixelBand(p: ArrayLike<number>, offset: number, classes: number, rule: ClassRule, band: ProbabilityBand): [lower: number, upper: number] {
  if (classes === 1) {
    const value = p[offset]!;
    return [value > band.high ? 1 : 0, value > band.low ? 1 : 0];
  }
  const nominal = pixelClass(p, offset, classes, rule);
  if (nominal !== 0) {
    const value = p[offset + nominal]!;
    let rival = 0;
    for (let c = 0; c < classes; c++) if (c !== nominal) rival = Math.max(rival, p[offset + c]!);
    const sure = rule === 'threshold' ? value > band.high : value - rival > band.high - band.low;
    return [sure ? nominal : 0, nominal];
  }
  let best = 1;
  for (let c = 2; c < classes; c++) if (p[offset + c]! > p[offset + best]!) best = c;
  const value = p[offset + best]!;
  let top = 0;
  for (let c = 0; c < classes; c++) top = Math.max(top, p[offset + c]!);
  const plausible = rule === 'threshold' ? value > band.low : top - value < band.high - band.low;
  return [0, plausible ? best : 0];
}

/** The lower and upper masks of probabilities [pixels, classes] (see pixelBand). */
export function probabilityBandMasks(
  probabilities: ArrayLike<number>,
  classes: number,
  rule: ClassRule,
  band: ProbabilityBand = DEFAULT_PROBABILITY_BAND,
): { lower: Uint8Array | Uint16Array; upper: Uint8Array | Uint16Array } {
  assertProbabilityBand(band);
  const pixels = Math.floor(probabilities.length / classes);
  const make = () => (classes <= 256 ? new Uint8Array(pixels) : new Uint16Array(pixels));
  const lower = make();
  const upper = make();
  for (let i = 0; i < pixels; i++) {
    const [l, u] = pixelBand(probabilities, i * classes, classes, rule, band);
    lower[i] = l;
    upper[i] = u;
  }
  return { lower, upper };
}
