import { describe, expect, it } from 'vitest';
import { parsePixelSize, pixelSizeFromDensity, toNanometres } from './pixel-size.ts';

describe('pixel sizes', () => {
  it('parses the forms people type and keeps the unit', () => {
    expect(parsePixelSize('0.5um')).toEqual({ value: 0.5, unit: 'um' });
    expect(parsePixelSize(' 2 nm')).toEqual({ value: 2, unit: 'nm' });
    expect(parsePixelSize('1.5µm')).toEqual({ value: 1.5, unit: 'um' });
    expect(parsePixelSize('1e-3mm')).toEqual({ value: 0.001, unit: 'mm' });
    expect(toNanometres({ value: 0.5, unit: 'um' })).toBe(500);
  });

  it('refuses what is not a length', () => {
    expect(() => parsePixelSize('0.5')).toThrow(/nm, um or mm/);
    expect(() => parsePixelSize('0um')).toThrow(/positive/);
    expect(() => parsePixelSize('3 inches')).toThrow();
  });

  it('reads TIFF densities and ignores placeholder dpi values', () => {
    expect(pixelSizeFromDensity(25_400_000 / 2.5, 'inch')).toEqual({ value: 2.5, unit: 'nm' });
    expect(pixelSizeFromDensity(5_080, 'cm')).toEqual({ value: 5, unit: 'um' });
    expect(pixelSizeFromDensity(72, 'inch')).toBeUndefined();
    expect(pixelSizeFromDensity(72, undefined)).toBeUndefined();
    expect(pixelSizeFromDensity(undefined, 'cm')).toBeUndefined();
  });
});
