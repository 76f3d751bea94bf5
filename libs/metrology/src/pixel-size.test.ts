import { describe, expect, it } from 'vitest';
import { parsePixelSize, scaleOf } from './pixel-size.ts';

describe('parsePixelSize', () => {
  it('reads a number with a length unit', () => {
    expect(parsePixelSize('0.5um')).toEqual({ value: 0.5, unit: 'um' });
    expect(parsePixelSize('12.5nm')).toEqual({ value: 12.5, unit: 'nm' });
    expect(parsePixelSize('0.001mm')).toEqual({ value: 0.001, unit: 'mm' });
    expect(parsePixelSize(' 0.0125 µm ')).toEqual({ value: 0.0125, unit: 'um' });
    expect(parsePixelSize('1.5e-3mm')).toEqual({ value: 0.0015, unit: 'mm' });
  });

  it('refuses a size without unit, with an unknown unit, or not positive', () => {
    expect(() => parsePixelSize('0.5')).toThrow(/has no unit/);
    expect(() => parsePixelSize('0.5 furlong')).toThrow(/not one of nm, um/);
    expect(() => parsePixelSize('0um')).toThrow(/positive/);
    expect(() => parsePixelSize('big')).toThrow(/not a number with a unit/);
  });
});

describe('scaleOf', () => {
  it('keeps pixels when the pixel size is unknown and says so', () => {
    const scale = scaleOf(undefined);
    expect([scale.unit, scale.length(3), scale.area(9)]).toEqual(['px', 3, 9]);
  });

  it('turns lengths into the unit and areas into unit squared', () => {
    const scale = scaleOf({ value: 0.5, unit: 'um' });
    expect([scale.unit, scale.length(3), scale.area(8)]).toEqual(['um', 1.5, 2]);
  });
});
