import { invalidInput } from '@microseg/errors';
import { closeDisk, openDisk, removeSmallHoles, removeSmallObjects } from './binary-morphology.ts';
import { type IndexMask, classIndicator, classValuesOf } from './index-mask.ts';
import { medialAxis } from './medial-axis.ts';
import { decodeRuns, encodeRuns } from './run-length-mask.ts';
import { type PixelSize, type ResultUnit, scaleOf } from './pixel-size.ts';
import { type Summary, summarise } from './statistics.ts';

export interface ThicknessOptions {
  /** Classes forming the layer (e.g. oxide = 1 and 2); default: every non-zero class. */
  classes?: readonly number[];
  /** Radius of the disk used to close then open the layer; default 5. */
  radius?: number;
  /** Objects and holes smaller than this many pixels are removed / filled; default 1000. */
  minArea?: number;
  pixelSize?: PixelSize;
}

export interface ThicknessProfilePoint {
  /** Column position (in the result unit) along the layer. */
  readonly position: number;
  /** Mean thickness of the medial-axis pixels in that column. */
  readonly thickness: number;
}

export interface ThicknessMeasurement {
  readonly unit: ResultUnit;
  readonly radius: number;
  readonly minArea: number;
  /** Thickness = 2 x distance to the background on every medial-axis pixel. */
  readonly thickness: Summary;
  /** Thickness values in raster order of their medial-axis pixels. */
  readonly values: readonly number[];
  /** Thickness along the layer, one point per image column that the medial axis crosses. */
  readonly profile: readonly ThicknessProfilePoint[];
  readonly skeletonPixels: number;
  /** Pixels of the cleaned layer, and its area in unit². */
  readonly layerPixels: number;
  readonly layerArea: number;
}

export const DEFAULT_THICKNESS_RADIUS = 5;
export const DEFAULT_THICKNESS_MIN_AREA = 1000;
/** Larger disks would smooth away any layer a micrograph can hold. */
const MAX_RADIUS = 4096;

/**
 * Layer thickness: the layer (classes) is closed then opened with a disk, objects and holes under
 * minArea removed, and thickness read as twice the Euclidean distance to the background along the
 * medial axis, the scikit-image procedure of the MicroNet paper.
 */
export function measureThickness(
  mask: IndexMask,
  options: ThicknessOptions = {},
): ThicknessMeasurement {
  const radius = options.radius ?? DEFAULT_THICKNESS_RADIUS;
  const minArea = options.minArea ?? DEFAULT_THICKNESS_MIN_AREA;
  if (!Number.isInteger(radius) || radius < 0 || radius > MAX_RADIUS) {
    throw invalidInput(`radius must be a whole number from 0 to ${MAX_RADIUS}, got ${radius}`, {
      radius,
    });
  }
  if (!(minArea >= 0)) throw invalidInput(`minimum area must be >= 0, got ${minArea}`, { minArea });
  const { width, height } = mask;
  const classes = options.classes ?? classValuesOf(mask).filter((value) => value !== 0);
  const layer = cleanLayer(classIndicator(mask, classes), width, height, radius, minArea);

  let layerPixels = 0;
  for (let p = 0; p < layer.length; p++) layerPixels += layer[p]!;
  if (layerPixels === layer.length) {
    throw invalidInput(
      'the layer covers the whole image: thickness needs background on its sides',
      { classes: [...classes] },
    );
  }
  const { skeleton, squaredDistance } = medialAxis(layer, width, height);
  const scale = scaleOf(options.pixelSize);

  const values: number[] = [];
  const columnSum = new Float64Array(width);
  const columnCount = new Uint32Array(width);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (!skeleton[p]) continue;
      const value = scale.length(2 * Math.sqrt(squaredDistance[p]!));
      values.push(value);
      columnSum[x]! += value;
      columnCount[x]!++;
    }
  }
  const profile: ThicknessProfilePoint[] = [];
  for (let x = 0; x < width; x++) {
    if (columnCount[x])
      profile.push({ position: scale.length(x), thickness: columnSum[x]! / columnCount[x]! });
  }
  return {
    unit: scale.unit,
    radius,
    minArea,
    thickness: summarise(values),
    values,
    profile,
    skeletonPixels: values.length,
    layerPixels,
    layerArea: scale.area(layerPixels),
  };
}

/** Closing, opening, then small objects removed and small holes filled, as the oracle does. */
export function cleanLayer(
  layer: Uint8Array,
  width: number,
  height: number,
  radius: number,
  minArea: number,
): Uint8Array {
  const smoothed = openDisk(closeDisk(encodeRuns(layer, width, height), radius), radius);
  return decodeRuns(removeSmallHoles(removeSmallObjects(smoothed, minArea), minArea));
}
