import { enumWord } from '../graphql/enum-words.ts';
/** Lengths a scale bar may show: 1, 2 or 5 times a power of ten, as on a microscope's own bar. */
const STEPS = [1, 2, 5];

const NANOMETRES: Record<string, number> = { nm: 1, um: 1_000, mm: 1_000_000 };
const LABEL: Record<string, string> = { nm: 'nm', um: 'µm', mm: 'mm' };

export interface ScaleBar {
  /** The bar's length on screen, in CSS pixels. */
  pixels: number;
  label: string;
}

/**
 * The longest round length whose bar fits `maxPixels` on screen, given how many screen pixels an
 * image pixel takes and the image's pixel size (null: unknown, the bar counts image pixels).
 */
export function scaleBar(screenPixelsPerImagePixel: number, pixelSize: { value: number; unit: string } | null | undefined, maxPixels = 160): ScaleBar {
  const perScreenPixel = (pixelSize ? pixelSize.value * (NANOMETRES[enumWord(pixelSize.unit)] ?? 1) : 1) / screenPixelsPerImagePixel;
  const longest = perScreenPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(longest));
  const length = Math.max(...STEPS.map((step) => step * power).filter((candidate) => candidate <= longest));
  const pixels = length / perScreenPixel;
  if (!pixelSize) return { pixels, label: `${format(length)} px` };
  const unit = length >= 1_000_000 ? 'mm' : length >= 1_000 ? 'um' : 'nm';
  return { pixels, label: `${format(length / (NANOMETRES[unit] ?? 1))} ${LABEL[unit]}` };
}

const format = (value: number) => String(Number(value.toPrecision(3)));
