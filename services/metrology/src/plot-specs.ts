import type { PlotSpec } from '@microseg/contracts';
import {
  type HistogramSeries,
  type ResultUnit,
  areaFractionSpec,
  sizeHistogramSpec,
  thicknessHistogramSpec,
  thicknessProfileSpec,
} from '@microseg/metrology';

type VegaLiteSpec = ReturnType<typeof sizeHistogramSpec>;

/** What the plots of one measurement set, or of a pooled source, are made from. */
export interface PlotInputs {
  unit: string;
  /** Per-class size histograms and area fractions (no particle analysis: none). */
  classes: readonly {
    class: number;
    areaFraction: number;
    histogram: HistogramSeries['histogram'];
  }[];
  thicknessValues: readonly number[] | null;
  /** The mean thickness per image column; pooled sources have none (their images do not line up). */
  thicknessProfile: readonly { position: number; thickness: number }[] | null;
  /** The dataset's class names by index: the plots' legends say "precipitate", not "class 1". */
  classNames?: ReadonlyMap<number, string> | undefined;
}

/** A class as a plot labels it: its name in the dataset, or its index when the dataset names none. */
export function classLabel(classNames: ReadonlyMap<number, string> | undefined, index: number): string {
  return classNames?.get(index) ?? `class ${index}`;
}

/** Index to name, from a dataset's classes. */
export const classNamesOf = (dataset: { classes: readonly { index: number; name: string }[] }): Map<number, string> =>
  new Map(dataset.classes.map((c) => [c.index, c.name]));

/**
 * The Vega-Lite specs a page draws: the same size and thickness histograms metrology renders to
 * SVG (same titles), the area fraction of each class, and the thickness profile along the layer.
 * A plot with nothing to draw (no object, no layer) is left out, as its SVG is.
 */
export function plotSpecs(
  inputs: PlotInputs,
  titles: { size: string; thickness: string; suffix?: string },
): PlotSpec[] {
  const unit = inputs.unit as ResultUnit;
  const suffix = titles.suffix ?? '';
  const specs: PlotSpec[] = [];
  const add = (kind: PlotSpec['kind'], title: string, spec: VegaLiteSpec) =>
    specs.push({ kind, title, description: spec.description ?? title, spec: spec as unknown as Record<string, unknown> });
  const label = (index: number) => classLabel(inputs.classNames, index);
  const series = inputs.classes.map((c) => ({ label: label(c.class), histogram: c.histogram }));
  if (series.some((s) => s.histogram.counts.length > 0))
    add('size_histogram', titles.size, sizeHistogramSpec(series, { unit, title: titles.size }));
  if (inputs.classes.length > 0) {
    const title = `Area fractions${suffix}`;
    add('area_fractions', title, areaFractionSpec(inputs.classes.map((c) => ({ label: label(c.class), areaFraction: c.areaFraction })), { title }));
  }
  if (inputs.thicknessValues && inputs.thicknessValues.length > 0)
    add('thickness_histogram', titles.thickness, thicknessHistogramSpec(inputs.thicknessValues, { unit, title: titles.thickness }));
  if (inputs.thicknessProfile && inputs.thicknessProfile.length > 0) {
    const title = `Layer thickness profile${suffix}`;
    add('thickness_profile', title, thicknessProfileSpec(inputs.thicknessProfile, { unit, title }));
  }
  return specs;
}
