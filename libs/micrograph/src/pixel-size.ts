import { invalidInput } from '@microseg/errors';

export const LengthUnit = { nm: 'nm', um: 'um', mm: 'mm' } as const;
export type LengthUnit = (typeof LengthUnit)[keyof typeof LengthUnit];

/** The edge length of one pixel, in the unit the scientist gave (it is kept, not converted). */
export interface PixelSize {
  value: number;
  unit: LengthUnit;
}

const NANOMETRES_PER: Record<LengthUnit, number> = { nm: 1, um: 1_000, mm: 1_000_000 };
const PIXEL_SIZE_TEXT = /^\s*(\d+(?:\.\d*)?|\.\d+)(?:e([-+]?\d+))?\s*(nm|um|µm|μm|mm)\s*$/i;

/** Parses `0.5um`, `2 nm`, `0.001mm` (µm accepted for um). */
export function parsePixelSize(text: string): PixelSize {
  const match = PIXEL_SIZE_TEXT.exec(text);
  if (!match) {
    throw invalidInput(`pixel size "${text}" is not a number followed by nm, um or mm (e.g. 0.5um)`, {
      problem: 'bad-pixel-size',
      value: text,
    });
  }
  const value = Number(`${match[1]}${match[2] ? `e${match[2]}` : ''}`);
  const unitText = (match[3] ?? '').toLowerCase();
  const unit: LengthUnit = unitText === 'nm' ? 'nm' : unitText === 'mm' ? 'mm' : 'um';
  return assertPixelSize({ value, unit });
}

export function assertPixelSize(size: PixelSize): PixelSize {
  if (!Number.isFinite(size.value) || size.value <= 0) {
    throw invalidInput(`pixel size must be a positive number, got ${size.value}`, { problem: 'bad-pixel-size', value: size.value });
  }
  return size;
}

export const formatPixelSize = (size: PixelSize): string => `${size.value}${size.unit}`;
export const toNanometres = (size: PixelSize): number => size.value * NANOMETRES_PER[size.unit];

// Resolutions that imaging software writes when it knows nothing about the scale; taking them
// literally would give a 72-dpi SEM image 0.35 mm pixels.
const PLACEHOLDER_DPI = new Set([72, 96, 150, 300, 600]);

/**
 * The pixel size a TIFF's XResolution/ResolutionUnit tags state, as sharp reports them (`density`
 * in pixels per inch, whatever the unit in the file). Expressed in the unit that reads best.
 */
export function pixelSizeFromDensity(
  densityPerInch: number | undefined,
  resolutionUnit: 'inch' | 'cm' | undefined,
): PixelSize | undefined {
  if (densityPerInch === undefined || !Number.isFinite(densityPerInch) || densityPerInch <= 0) return undefined;
  if (resolutionUnit !== 'cm' && PLACEHOLDER_DPI.has(Math.round(densityPerInch))) return undefined;
  const nanometres = 25_400_000 / densityPerInch;
  const unit: LengthUnit = nanometres < 1_000 ? 'nm' : nanometres < 1_000_000 ? 'um' : 'mm';
  return { value: Number((nanometres / NANOMETRES_PER[unit]).toPrecision(6)), unit };
}
