import type { ComponentLabels } from './connected-components.ts';
import { ConvexHullAreaCounter } from './convex-hull-area.ts';

/** One connected component, with the definitions of scikit-image's `regionprops` (all in pixels). */
export interface RegionProperties {
  readonly label: number;
  readonly area: number;
  /** [row, col], the mean of the pixel coordinates. */
  readonly centroid: readonly [number, number];
  /** [minRow, minCol, maxRow, maxCol], end exclusive. */
  readonly bbox: readonly [number, number, number, number];
  /** scikit-image `perimeter(image, 4)`: weighted count of boundary pixel configurations. */
  readonly perimeter: number;
  /** Diameter of the disk of the same area. */
  readonly equivalentDiameter: number;
  readonly majorAxisLength: number;
  readonly minorAxisLength: number;
  /** Angle in radians between the row axis and the major axis, in [-pi/2, pi/2]. */
  readonly orientation: number;
  readonly eccentricity: number;
  readonly convexArea: number;
  readonly solidity: number;
  readonly touchesBorder: boolean;
}

const SQRT2 = Math.SQRT2;
const HALF_DIAGONAL = (1 + Math.SQRT2) / 2;
/**
 * Weight class of each code of scikit-image's perimeter convolution (1 for the centre, 2 per border
 * 4-neighbour, 10 per border diagonal neighbour): 1 -> weight 1, 2 -> sqrt(2), 3 -> (1 + sqrt(2)) / 2.
 */
const PERIMETER_CLASS = (() => {
  const table = new Uint8Array(50);
  for (const code of [5, 7, 15, 17, 25, 27]) table[code] = 1;
  for (const code of [21, 33]) table[code] = 2;
  for (const code of [13, 23]) table[code] = 3;
  return table;
})();

/** Measures every component of a label image in a few linear passes over the pixels. */
export function regionProperties(components: ComponentLabels): RegionProperties[] {
  const { width, height, labels, count } = components;
  const n = count + 1;
  const area = new Float64Array(n);
  const originRow = new Int32Array(n);
  const originCol = new Int32Array(n);
  const minCol = new Int32Array(n).fill(width);
  const maxCol = new Int32Array(n).fill(-1);
  const maxRow = new Int32Array(n);
  // Moments relative to each region's first pixel: exact integer sums in float64, whatever the image size.
  const sr = new Float64Array(n);
  const sc = new Float64Array(n);
  const srr = new Float64Array(n);
  const scc = new Float64Array(n);
  const src = new Float64Array(n);

  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const l = labels[p]!;
      if (!l) continue;
      if (area[l] === 0) {
        originRow[l] = y;
        originCol[l] = x;
      }
      const dr = y - originRow[l]!;
      const dc = x - originCol[l]!;
      area[l]!++;
      sr[l]! += dr;
      sc[l]! += dc;
      srr[l]! += dr * dr;
      scc[l]! += dc * dc;
      src[l]! += dr * dc;
      if (x < minCol[l]!) minCol[l] = x;
      if (x > maxCol[l]!) maxCol[l] = x;
      maxRow[l] = y;
    }
  }

  const perimeters = perimeterOf(components);
  const convexAreas = convexAreaOf(components, originRow, maxRow);

  const regions: RegionProperties[] = [];
  for (let l = 1; l <= count; l++) {
    const a = area[l]!;
    const r0 = originRow[l]!;
    const c0 = originCol[l]!;
    const centroid = [(sr[l]! + a * r0) / a, (sc[l]! + a * c0) / a] as const;
    const bbox = [r0, minCol[l]!, maxRow[l]! + 1, maxCol[l]! + 1] as const;
    const shape = inertia(a, sr[l]!, sc[l]!, srr[l]!, scc[l]!, src[l]!);
    const convexArea = convexAreas[l]!;
    regions.push({
      label: l,
      area: a,
      centroid,
      bbox,
      perimeter: perimeters[l]!,
      equivalentDiameter: Math.sqrt((4 * a) / Math.PI),
      ...shape,
      convexArea,
      solidity: a / convexArea,
      touchesBorder: bbox[0] === 0 || bbox[1] === 0 || bbox[2] === height || bbox[3] === width,
    });
  }
  return regions;
}

/**
 * Axis lengths, orientation and eccentricity from the inertia tensor, as scikit-image computes them.
 * P, Q, R are n^2 times the normalised central moments (exact integers for all but huge regions), so
 * the exact-symmetry tests scikit-image makes (a - c == 0, b < 0) are decided exactly.
 */
function inertia(n: number, sr: number, sc: number, srr: number, scc: number, src: number) {
  const P = n * scc - sc * sc;
  const Q = n * srr - sr * sr;
  const R = n * src - sr * sc;
  const n2 = n * n;
  const a = P / n2;
  const b = -R / n2;
  const c = Q / n2;
  const half = (a - c) / 2;
  const spread = Math.sqrt(half * half + b * b);
  const l1 = Math.max(0, (a + c) / 2 + spread);
  // det / l1 keeps the small eigenvalue accurate for thin regions, where (a + c) / 2 - spread cancels.
  const l2 = l1 === 0 ? 0 : Math.min(l1, Math.max(0, (P * Q - R * R) / (n2 * n2) / l1));
  let orientation: number;
  if (P === Q) orientation = R > 0 ? -Math.PI / 4 : Math.PI / 4;
  else orientation = 0.5 * Math.atan2(-2 * b, c - a);
  return {
    majorAxisLength: 4 * Math.sqrt(l1),
    minorAxisLength: 4 * Math.sqrt(l2),
    orientation,
    eccentricity: l1 === 0 ? 0 : Math.sqrt(1 - l2 / l1),
  };
}

/** scikit-image's `perimeter(region, 4)` for every region at once. */
function perimeterOf(components: ComponentLabels): Float64Array {
  const { width, height, labels, count } = components;
  // A boundary pixel has a 4-neighbour outside its region (or outside the image).
  const boundary = new Uint8Array(labels.length);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const l = labels[p]!;
      if (!l) continue;
      if (
        y === 0 ||
        y === height - 1 ||
        x === 0 ||
        x === width - 1 ||
        labels[p - 1] !== l ||
        labels[p + 1] !== l ||
        labels[p - width] !== l ||
        labels[p + width] !== l
      ) {
        boundary[p] = 1;
      }
    }
  }
  const straight = new Float64Array(count + 1);
  const diagonal = new Float64Array(count + 1);
  const corner = new Float64Array(count + 1);
  const same = (q: number, l: number) => boundary[q] === 1 && labels[q] === l;
  for (let y = 0, p = 0; y < height; y++) {
    const up = y > 0;
    const down = y < height - 1;
    for (let x = 0; x < width; x++, p++) {
      if (!boundary[p]) continue;
      const l = labels[p]!;
      const left = x > 0;
      const right = x < width - 1;
      let code = 1;
      if (up && same(p - width, l)) code += 2;
      if (down && same(p + width, l)) code += 2;
      if (left && same(p - 1, l)) code += 2;
      if (right && same(p + 1, l)) code += 2;
      if (up && left && same(p - width - 1, l)) code += 10;
      if (up && right && same(p - width + 1, l)) code += 10;
      if (down && left && same(p + width - 1, l)) code += 10;
      if (down && right && same(p + width + 1, l)) code += 10;
      const weightClass = PERIMETER_CLASS[code];
      if (weightClass === 1) straight[l]!++;
      else if (weightClass === 2) diagonal[l]!++;
      else if (weightClass === 3) corner[l]!++;
    }
  }
  const perimeter = new Float64Array(count + 1);
  for (let l = 1; l <= count; l++)
    perimeter[l] = straight[l]! + diagonal[l]! * SQRT2 + corner[l]! * HALF_DIAGONAL;
  return perimeter;
}

/** Convex hull pixel counts, from each region's leftmost and rightmost column in every row. */
function convexAreaOf(
  components: ComponentLabels,
  firstRow: Int32Array,
  lastRow: Int32Array,
): Float64Array {
  const { width, height, labels, count } = components;
  const offset = new Int32Array(count + 2);
  for (let l = 1; l <= count; l++) offset[l + 1] = offset[l]! + lastRow[l]! - firstRow[l]! + 1;
  const left = new Int32Array(offset[count + 1]!).fill(-1);
  const right = new Int32Array(offset[count + 1]!);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const l = labels[p]!;
      if (!l) continue;
      const i = offset[l]! + y - firstRow[l]!;
      if (left[i] === -1) left[i] = x;
      right[i] = x;
    }
  }
  const counter = new ConvexHullAreaCounter();
  const areas = new Float64Array(count + 1);
  for (let l = 1; l <= count; l++)
    areas[l] = counter.count(left, right, offset[l]!, lastRow[l]! - firstRow[l]! + 1);
  return areas;
}
