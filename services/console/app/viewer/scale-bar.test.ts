import { describe, expect, it } from 'vitest';
import { scaleBar } from './scale-bar.ts';

describe('scale bar', () => {
  it('shows the longest 1-2-5 length that fits, in the unit that reads best', () => {
    // 2 nm pixels at 1:1: 160 screen px are 320 nm, so 200 nm over 100 px.
    expect(scaleBar(1, { value: 2, unit: 'nm' })).toEqual({ pixels: 100, label: '200 nm' });
    // Zoomed out 4x: 1280 nm fit, so 1 µm over 125 px.
    expect(scaleBar(0.25, { value: 2, unit: 'nm' })).toEqual({ pixels: 125, label: '1 µm' });
    expect(scaleBar(1, { value: 0.5, unit: 'um' })).toEqual({ pixels: 100, label: '50 µm' });
    expect(scaleBar(0.01, { value: 1, unit: 'um' })).toEqual({ pixels: 100, label: '10 mm' });
    // The API writes the unit in ALL_CAPS (LengthUnit.UM): the same bar.
    expect(scaleBar(1, { value: 0.5, unit: 'UM' })).toEqual({ pixels: 100, label: '50 µm' });
  });

  it('counts image pixels when the pixel size is unknown', () => {
    expect(scaleBar(2, null)).toEqual({ pixels: 100, label: '50 px' });
    expect(scaleBar(0.1, undefined)).toEqual({ pixels: 100, label: '1000 px' });
  });
});
