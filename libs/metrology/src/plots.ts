import sharp from 'sharp';
import * as vega from 'vega';
import { type TopLevelSpec, compile } from 'vega-lite';
import type { LogHistogram } from './log-histogram.ts';
import type { ResultUnit } from './pixel-size.ts';

export type PlotFormat = 'svg' | 'png';

const WIDTH = 480;
const HEIGHT = 300;

export interface HistogramSeries {
  readonly label: string;
  readonly histogram: LogHistogram;
}

/**
 * Vega-Lite spec of size distributions on log-spaced bins (equivalent diameter), one bar per bin and a
 * colour per series (e.g. one per class, or all objects against the Miles-Lantuejoul corrected counts).
 */
export function sizeHistogramSpec(
  series: readonly HistogramSeries[],
  options: { unit: ResultUnit; title?: string },
): TopLevelSpec {
  const values = series.flatMap(({ label, histogram }) =>
    histogram.counts.map((count, i) => ({
      from: histogram.edges[i]!,
      to: histogram.edges[i + 1]!,
      count,
      series: label,
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? 'Size distribution',
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    data: { values },
    mark: { type: 'rect', opacity: 0.7, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: {
        field: 'from',
        type: 'quantitative',
        scale: { type: 'log' },
        title: `equivalent diameter (${options.unit})`,
      },
      x2: { field: 'to' },
      y: { field: 'count', type: 'quantitative', title: 'objects', stack: null },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        legend: series.length > 1 ? { orient: 'top-right' } : null,
      },
    },
  };
}

/** Vega-Lite spec of the thickness values along a layer's medial axis, binned by Vega-Lite. */
export function thicknessHistogramSpec(
  values: ArrayLike<number>,
  options: { unit: ResultUnit; title?: string },
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? 'Layer thickness',
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    data: { values: Array.from(values, (thickness) => ({ thickness })) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: {
        field: 'thickness',
        type: 'quantitative',
        bin: { maxbins: 40 },
        title: `thickness (${options.unit})`,
      },
      y: { aggregate: 'count', type: 'quantitative', title: 'medial-axis pixels' },
    },
  };
}

/** Renders a Vega-Lite spec server-side: SVG from Vega's headless view, PNG rasterised from it by sharp. */
export async function renderPlot(spec: TopLevelSpec, format: 'svg'): Promise<string>;
export async function renderPlot(spec: TopLevelSpec, format: 'png'): Promise<Buffer>;
export async function renderPlot(spec: TopLevelSpec, format: PlotFormat): Promise<string | Buffer>;
export async function renderPlot(spec: TopLevelSpec, format: PlotFormat): Promise<string | Buffer> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (format === 'svg') return svg;
    return await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  } finally {
    view.finalize();
  }
}
