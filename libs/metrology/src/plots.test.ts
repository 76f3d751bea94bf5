import { describe, expect, it } from 'vitest';
import { logHistogram } from './log-histogram.ts';
import { renderPlot, sizeHistogramSpec, thicknessHistogramSpec } from './plots.ts';

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
