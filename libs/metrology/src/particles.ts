import { type Connectivity, assertConnectivity, labelComponents } from './connected-components.ts';
import { type IndexMask, classValuesOf } from './index-mask.ts';
import { type LogHistogram, DEFAULT_HISTOGRAM_BINS, logHistogram } from './log-histogram.ts';
import { type PixelSize, type ResultUnit, type Scale, scaleOf } from './pixel-size.ts';
import { type RegionProperties, regionProperties } from './region-properties.ts';
import { type Summary, summarise } from './statistics.ts';

export interface ParticleOptions {
  /** Classes to analyse; default: every non-zero value present in the mask. */
  classes?: readonly number[];
  /** 8 (default, scikit-image's `label` default) or 4. */
  connectivity?: Connectivity;
  pixelSize?: PixelSize;
  histogramBins?: number;
}

/**
 * One particle. Lengths (perimeter, diameters, axes) are in the result unit, areas in unit²;
 * centroid and bbox stay pixel indices ([row, col]; bbox end exclusive) since they locate, not measure.
 */
export type Particle = RegionProperties;

export interface SizeStatistics {
  readonly count: number;
  readonly area: Summary;
  readonly equivalentDiameter: Summary;
}

/**
 * Miles-Lantuejoul correction: objects touching the frame are dropped and every interior object counts
 * with weight frameArea / ((W - w)(H - h)), its bbox w x h; large objects, more often cut by the frame,
 * weigh more, so the size distribution is not biased towards small ones.
 */
export interface BorderCorrectedDistribution {
  /** Weighted number of objects: the unbiased estimate of the count in a frame of this size. */
  readonly count: number;
  readonly meanArea: number | null;
  readonly meanEquivalentDiameter: number | null;
  /** Weighted histogram of equivalent diameter, on the edges of the class's histogram. */
  readonly histogram: LogHistogram;
}

export interface ClassParticles extends SizeStatistics {
  readonly class: number;
  readonly pixelCount: number;
  /** Share of the image's pixels in this class. */
  readonly areaFraction: number;
  /** Statistics of the objects that do not touch the image border. */
  readonly interior: SizeStatistics;
  /** Log-binned histogram of equivalent diameter, all objects. */
  readonly histogram: LogHistogram;
  readonly borderCorrected: BorderCorrectedDistribution;
  readonly objects: readonly Particle[];
}

export interface ParticleAnalysis {
  readonly width: number;
  readonly height: number;
  readonly unit: ResultUnit;
  readonly connectivity: Connectivity;
  readonly classes: readonly ClassParticles[];
}

/** Particle analysis of every requested class of an index mask; absent classes give empty results. */
export function analyseParticles(mask: IndexMask, options: ParticleOptions = {}): ParticleAnalysis {
  const connectivity = options.connectivity ?? 8;
  assertConnectivity(connectivity);
  const classes = options.classes
    ? [...new Set(options.classes)]
    : classValuesOf(mask).filter((value) => value !== 0);
  const include = new Uint8Array(65536);
  for (const value of classes) include[value] = 1;
  const components = labelComponents(mask.data, mask.width, mask.height, include, connectivity);
  const regions = regionProperties(components);
  const scale = scaleOf(options.pixelSize);

  // regionprops order is the raster order of first pixels; grouping by class keeps it within a class.
  const byClass = new Map<number, RegionProperties[]>(classes.map((value) => [value, []]));
  for (const region of regions) {
    const firstPixel =
      region.bbox[0] * mask.width + firstColumnOf(components.labels, mask.width, region);
    byClass.get(mask.data[firstPixel]!)!.push(region);
  }
  const pixelCounts = new Float64Array(65536);
  for (let i = 0; i < mask.data.length; i++) pixelCounts[mask.data[i]!]!++;
  const pixels = mask.width * mask.height;

  return {
    width: mask.width,
    height: mask.height,
    unit: scale.unit,
    connectivity,
    classes: classes.map((value) => {
      const objects = byClass.get(value)!.map((region) => scaled(region, scale));
      return classParticles(
        value,
        objects,
        pixelCounts[value]!,
        pixels,
        mask,
        options.histogramBins,
      );
    }),
  };
}

function classParticles(
  value: number,
  objects: Particle[],
  pixelCount: number,
  pixels: number,
  mask: IndexMask,
  bins = DEFAULT_HISTOGRAM_BINS,
): ClassParticles {
  const all = sizeStatistics(objects);
  const interiorObjects = objects.filter((object) => !object.touchesBorder);
  const histogram = logHistogram(
    objects.map((object) => object.equivalentDiameter),
    { bins },
  );
  return {
    class: value,
    pixelCount,
    areaFraction: pixelCount / pixels,
    ...all,
    interior: sizeStatistics(interiorObjects),
    histogram,
    borderCorrected: borderCorrected(interiorObjects, mask, histogram),
    objects,
  };
}

function sizeStatistics(objects: readonly Particle[]): SizeStatistics {
  return {
    count: objects.length,
    area: summarise(objects.map((object) => object.area)),
    equivalentDiameter: summarise(objects.map((object) => object.equivalentDiameter)),
  };
}

function borderCorrected(
  interior: readonly Particle[],
  mask: IndexMask,
  histogram: LogHistogram,
): BorderCorrectedDistribution {
  const weights = interior.map(
    ({ bbox }) =>
      (mask.width * mask.height) /
      ((mask.width - (bbox[3] - bbox[1])) * (mask.height - (bbox[2] - bbox[0]))),
  );
  let count = 0;
  let area = 0;
  let diameter = 0;
  interior.forEach((object, i) => {
    count += weights[i]!;
    area += weights[i]! * object.area;
    diameter += weights[i]! * object.equivalentDiameter;
  });
  const edges = histogram.edges;
  const range = edges.length ? ([edges[0]!, edges[edges.length - 1]!] as const) : undefined;
  return {
    count,
    meanArea: count ? area / count : null,
    meanEquivalentDiameter: count ? diameter / count : null,
    histogram: range
      ? logHistogram(
          interior.map((object) => object.equivalentDiameter),
          { bins: edges.length - 1, weights, range },
        )
      : { edges: [], counts: [] },
  };
}

function scaled(region: RegionProperties, scale: Scale): Particle {
  if (scale.unit === 'px') return region;
  return {
    ...region,
    area: scale.area(region.area),
    perimeter: scale.length(region.perimeter),
    equivalentDiameter: scale.length(region.equivalentDiameter),
    majorAxisLength: scale.length(region.majorAxisLength),
    minorAxisLength: scale.length(region.minorAxisLength),
    convexArea: scale.area(region.convexArea),
  };
}

/** Column of a region's first pixel (in raster order), which lies in its bbox's first row. */
function firstColumnOf(labels: Int32Array, width: number, region: RegionProperties): number {
  const row = region.bbox[0] * width;
  let x = region.bbox[1];
  while (labels[row + x] !== region.label) x++;
  return x;
}
