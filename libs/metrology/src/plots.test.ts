import { describe, expect, it } from 'vitest';
import { logHistogram } from './log-histogram.ts';
import { areaFractionSpec, linearBins, renderPlot, sizeHistogramSpec, thicknessHistogramSpec, thicknessProfileSpec } from './plots.ts';

describe('plots', () => {
  const histogram = logHistogram([1, 2, 3, 10, 30, 100], { bins: 4 });

  it('renders the size histogram as SVG through Vega-Lite, on a log axis in the result unit', async () => {
    const svg = await renderPlot(
      sizeHistogramSpec([{ label: 'class 1', histogram }], { unit: 'um' }),
      'svg',
    );
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('equivalent diameter (um)');
  });

  it('renders the thickness histogram as PNG', async () => {
    const png = await renderPlot(thicknessHistogramSpec([10, 12, 12, 15], { unit: 'px' }), 'png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('bins thickness values itself, so the spec stays 40 bins long however many pixels the layer has', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => 5 + (i % 1000) / 100);
    const spec = thicknessHistogramSpec(values, { unit: 'nm' }) as { data: { values: { count: number }[] } };
    expect(spec.data.values).toHaveLength(40);
    expect(spec.data.values.reduce((sum, bin) => sum + bin.count, 0)).toBe(100_000);
  });

  it('puts values on equal-width bins, the largest in the last bin', () => {
    expect(linearBins([0, 1, 2, 3, 4], 2)).toEqual([
      { from: 0, to: 2, count: 2 },
      { from: 2, to: 4, count: 3 },
    ]);
    expect(linearBins([7, 7], 4)).toEqual([{ from: 6.5, to: 7.5, count: 2 }]);
    expect(linearBins([], 4)).toEqual([]);
  });

  it('averages a profile longer than the plot is wide down to one point per pixel of width', () => {
    const profile = Array.from({ length: 4096 }, (_, x) => ({ position: x, thickness: 2 * x }));
    const spec = thicknessProfileSpec(profile, { unit: 'px' }) as { data: { values: { position: number; thickness: number }[] } };
    // 9 columns a point (the last alone): 456 points, each the mean of its columns.
    expect(spec.data.values).toHaveLength(456);
    expect(spec.data.values[0]).toEqual({ position: 4, thickness: 8 });
    expect(spec.data.values.at(-1)).toEqual({ position: 4095, thickness: 8190 });
  });

  it('draws one bar per class for the area fractions, and says them in its description (alt text)', async () => {
    const spec = areaFractionSpec([
      { label: 'class 1', areaFraction: 0.25 },
      { label: 'class 2', areaFraction: 0.05 },
    ]);
    expect(spec.description).toBe('Area fractions: class 1 25.00 %, class 2 5.00 %');
    const svg = await renderPlot(spec, 'svg');
    expect(svg.match(/<path[^>]*aria-roledescription="bar"/g)).toHaveLength(2);
  });
});

describe('logHistogram', () => {
  it('puts values on log-spaced edges, the last bin closed', () => {
    expect(histogram().edges.map((e) => Number(e.toPrecision(12)))).toEqual([1, 10, 100]);
    expect(histogram().counts).toEqual([2, 2]);
  });

  function histogram() {
    return logHistogram([1, 9.99, 10, 100], { bins: 2 });
  }
});
