import sharp from 'sharp';
import type { TopLevelSpec } from 'vega-lite';
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
  const title = options.title ?? 'Size distribution';
  const objects = series.map(({ label, histogram }) => `${label} ${histogram.counts.reduce((sum, count) => sum + count, 0)} objects`);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    description: `${title}: objects per equivalent-diameter bin (${options.unit}, log-spaced), ${objects.join(', ')}`,
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

/** Bins of the thickness histogram: Vega-Lite's default `maxbins`, so the plot looks as it did when Vega-Lite binned. */
const THICKNESS_BINS = 40;

/**
 * Vega-Lite spec of the thickness values along a layer's medial axis, on equal-width bins. The
 * values are binned here, not by Vega-Lite, so the spec stays a few bins long however many
 * medial-axis pixels a layer has (it travels to the console inline).
 */
export function thicknessHistogramSpec(
  values: ArrayLike<number>,
  options: { unit: ResultUnit; title?: string },
): TopLevelSpec {
  const title = options.title ?? 'Layer thickness';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    description: `${title}: medial-axis pixels per thickness bin, ${values.length} pixels, thickness in ${options.unit}`,
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    data: { values: linearBins(values, THICKNESS_BINS) },
    mark: { type: 'rect', color: '#4c78a8', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: `thickness (${options.unit})`, scale: { zero: false } },
      x2: { field: 'to' },
      y: { field: 'count', type: 'quantitative', title: 'medial-axis pixels' },
    },
  };
}

/** Equal-width bins from the smallest to the largest value, the last bin closed; one bin when all values are equal. */
export function linearBins(values: ArrayLike<number>, bins: number): { from: number; to: number; count: number }[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  if (min === max) return [{ from: min - 0.5, to: max + 0.5, count: values.length }];
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) counts[Math.min(bins - 1, Math.floor((values[i]! - min) / width))]!++;
  return counts.map((count, i) => ({ from: min + i * width, to: i === bins - 1 ? max : min + (i + 1) * width, count }));
}

/** More points than the plot is pixels wide draw nothing more; a long profile is averaged down to this many. */
const PROFILE_POINTS = WIDTH;

/**
 * Vega-Lite spec of a layer's thickness profile: the mean thickness of each image column along
 * the layer (position across the image), as a line. A profile longer than the plot is wide is
 * averaged over runs of neighbouring columns.
 */
export function thicknessProfileSpec(
  profile: readonly { position: number; thickness: number }[],
  options: { unit: ResultUnit; title?: string },
): TopLevelSpec {
  const title = options.title ?? 'Layer thickness profile';
  const run = Math.ceil(profile.length / PROFILE_POINTS);
  const values: { position: number; thickness: number }[] = [];
  for (let i = 0; i < profile.length; i += run) {
    const slice = profile.slice(i, i + run);
    values.push({
      position: slice.reduce((sum, p) => sum + p.position, 0) / slice.length,
      thickness: slice.reduce((sum, p) => sum + p.thickness, 0) / slice.length,
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    description: `${title}: mean layer thickness (${options.unit}) along the image, at ${values.length} positions`,
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    data: { values },
    mark: { type: 'line', color: '#4c78a8', point: values.length <= 40 },
    encoding: {
      x: { field: 'position', type: 'quantitative', title: `position across the image (${options.unit})` },
      y: { field: 'thickness', type: 'quantitative', title: `thickness (${options.unit})`, scale: { zero: false } },
    },
  };
}

/**
 * Vega-Lite spec of the area fraction of each class (its pixels over all pixels of the masks),
 * one bar per class.
 */
export function areaFractionSpec(
  classes: readonly { label: string; areaFraction: number }[],
  options: { title?: string } = {},
): TopLevelSpec {
  const title = options.title ?? 'Area fractions';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    description: `${title}: ${classes.map((c) => `${c.label} ${(100 * c.areaFraction).toFixed(2)} %`).join(', ')}`,
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    data: { values: classes.map((c) => ({ class: c.label, areaFraction: c.areaFraction })) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'class', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
      y: { field: 'areaFraction', type: 'quantitative', title: 'area fraction', axis: { format: '.1%' } },
    },
  };
}

/**
 * Renders a Vega-Lite spec server-side: SVG from Vega's headless view, PNG rasterised from it by sharp.
 * Vega and Vega-Lite are imported on the first plot: tens of MiB that callers of the rest of metrology
 * (masks, particles, e.g. `microseg predict`) do not need.
 */
export async function renderPlot(spec: TopLevelSpec, format: 'svg'): Promise<string>;
export async function renderPlot(spec: TopLevelSpec, format: 'png'): Promise<Buffer>;
export async function renderPlot(spec: TopLevelSpec, format: PlotFormat): Promise<string | Buffer>;
export async function renderPlot(spec: TopLevelSpec, format: PlotFormat): Promise<string | Buffer> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (format === 'svg') return svg;
    return await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  } finally {
    view.finalize();
  }
}
