import { invalidInput } from '@microseg/errors';
import { squaredDistanceTransform } from './distance-transform.ts';

export interface MedialAxis {
  /** 0/1 per pixel, row-major. */
  readonly skeleton: Uint8Array;
  /** Squared Euclidean distance of every pixel to the nearest background pixel. */
  readonly squaredDistance: Float64Array;
}

/** Bit of each 3x3 neighbour in a configuration index: 0 1 2 / 3 4 5 / 6 7 8, centre = bit 4. */
const CENTRE = 1 << 4;

/** How many tie-break orders are tried; the medial axis with the median mean thickness is kept. */
export const MEDIAL_AXIS_TIE_BREAKS = 3;

/**
 * scikit-image's `medial_axis`: foreground pixels are visited once, shallowest first (distance to
 * background, then "cornerness"), and removed unless that disconnects their 3x3 neighbourhood or leaves
 * it with fewer than 3 pixels. scikit-image breaks the remaining ties at random, so its thickness moves
 * by about 1% between runs. Here ties are shuffled by a seeded generator for a few fixed seeds and the
 * axis whose mean thickness is the median is kept: deterministic, one of the skeletons scikit-image can
 * produce, and near the middle of its spread rather than anywhere in it.
 */
export function medialAxis(image: Uint8Array, width: number, height: number): MedialAxis {
  const pixels = width * height;
  const background = new Uint8Array(pixels);
  let foreground = 0;
  for (let p = 0; p < pixels; p++) {
    if (image[p]) foreground++;
    else background[p] = 1;
  }
  if (foreground === pixels) {
    throw invalidInput('the medial axis needs background pixels: the whole image is foreground', {
      width,
      height,
    });
  }
  const squaredDistance = squaredDistanceTransform(background, width, height);
  const skeleton = new Uint8Array(pixels);
  if (foreground === 0) return { skeleton, squaredDistance };

  // A zero border around the image lets the hot loops read all 8 neighbours without bounds checks.
  const stride = width + 2;
  const grid = new Uint8Array(stride * (height + 2));
  const pixelOf = new Int32Array(foreground);
  const paddedOf = new Int32Array(foreground);
  const rootDistance = new Float64Array(foreground);
  for (let y = 0, p = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (!image[p]) continue;
      pixelOf[i] = p;
      paddedOf[i] = (y + 1) * stride + x + 1;
      rootDistance[i] = Math.sqrt(squaredDistance[p]!);
      grid[paddedOf[i]!] = 1;
      i++;
    }
  }
  const { order, groupEnds } = visitOrder(
    grid,
    stride,
    paddedOf,
    pixelOf,
    squaredDistance,
    width,
    height,
  );
  const paddedOrder = order.map((ordinal) => paddedOf[ordinal]!);
  const runs: { kept: Uint8Array; mean: number }[] = [];
  const shuffled = new Int32Array(foreground);
  for (let seed = 1; seed <= MEDIAL_AXIS_TIE_BREAKS; seed++) {
    shuffled.set(paddedOrder);
    shuffleWithinGroups(shuffled, groupEnds, seed);
    for (let i = 0; i < foreground; i++) grid[paddedOf[i]!] = 1;
    for (let i = 0; i < foreground; i++) {
      const q = shuffled[i]!;
      const above = q - stride;
      const below = q + stride;
      const index =
        CENTRE |
        grid[above - 1]! |
        (grid[above]! << 1) |
        (grid[above + 1]! << 2) |
        (grid[q - 1]! << 3) |
        (grid[q + 1]! << 5) |
        (grid[below - 1]! << 6) |
        (grid[below]! << 7) |
        (grid[below + 1]! << 8);
      grid[q] = KEEP[index]!;
    }
    const kept = new Uint8Array(foreground);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < foreground; i++) {
      if (!grid[paddedOf[i]!]) continue;
      kept[i] = 1;
      sum += rootDistance[i]!;
      count++;
    }
    runs.push({ kept, mean: count ? sum / count : 0 });
  }
  const median = [...runs].sort((a, b) => a.mean - b.mean)[(runs.length - 1) >> 1]!;
  for (let i = 0; i < foreground; i++) if (median.kept[i]) skeleton[pixelOf[i]!] = 1;
  return { skeleton, squaredDistance };
}

/**
 * Foreground ordinals (raster order) sorted by (squared distance, cornerness), with the end of each
 * run of equal keys: the ties that the tie-break orders shuffle.
 */
function visitOrder(
  grid: Uint8Array,
  stride: number,
  paddedOf: Int32Array,
  pixelOf: Int32Array,
  squaredDistance: Float64Array,
  width: number,
  height: number,
) {
  const foreground = paddedOf.length;
  const primary = new Float64Array(foreground);
  let maxKey = 0;
  for (let i = 0; i < foreground; i++) {
    const q = paddedOf[i]!;
    const neighbours =
      grid[q - stride - 1]! +
      grid[q - stride]! +
      grid[q - stride + 1]! +
      grid[q - 1]! +
      grid[q + 1]! +
      grid[q + stride - 1]! +
      grid[q + stride]! +
      grid[q + stride + 1]!;
    // Cornerness: background pixels in the 3x3 neighbourhood (the centre is foreground).
    const key = squaredDistance[pixelOf[i]!]! * 10 + (8 - neighbours);
    primary[i] = key;
    if (key > maxKey) maxKey = key;
  }
  return maxKey <= 4 * foreground + 65536
    ? countingSort(primary, maxKey)
    : comparisonSort(primary, width, height);
}

/** Stable counting sort of small integer keys: linear time when keys are no larger than the pixel count. */
function countingSort(keys: Float64Array, maxKey: number) {
  const starts = new Int32Array(maxKey + 2);
  for (let i = 0; i < keys.length; i++) starts[keys[i]! + 1]!++;
  const ends: number[] = [];
  for (let k = 1; k < starts.length; k++) {
    if (starts[k]) ends.push(starts[k - 1]! + starts[k]!);
    starts[k]! += starts[k - 1]!;
  }
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[starts[keys[i]!]!++] = i;
  return { order, groupEnds: Int32Array.from(ends) };
}

/** Sort of (key, ordinal) packed in one float, for layers too thick for a counting sort. */
function comparisonSort(keys: Float64Array, width: number, height: number) {
  const n = keys.length;
  let maxKey = 0;
  for (let i = 0; i < n; i++) if (keys[i]! > maxKey) maxKey = keys[i]!;
  if ((maxKey + 1) * n >= Number.MAX_SAFE_INTEGER) {
    throw invalidInput(`a ${width}x${height} layer is too large for the medial axis ordering`, {
      width,
      height,
    });
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * n + i;
  packed.sort();
  const order = new Int32Array(n);
  const ends: number[] = [];
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const group = Math.floor(packed[i]! / n);
    order[i] = packed[i]! - group * n;
    if (group !== previous && i > 0) ends.push(i);
    previous = group;
  }
  ends.push(n);
  return { order, groupEnds: Int32Array.from(ends) };
}

/** Fisher-Yates within each group, driven by mulberry32 from a fixed seed. */
function shuffleWithinGroups(order: Int32Array, groupEnds: Int32Array, seed: number): void {
  let state = seed * 0x9e3779b9;
  let start = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g]!;
    for (let i = end - 1; i > start; i--) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      const j = start + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i - start + 1));
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    start = end;
  }
}

function popcount(index: number): number {
  let count = 0;
  for (let bits = index; bits; bits &= bits - 1) count++;
  return count;
}

/** 8-connected components among the set bits of a 3x3 configuration. */
function componentsOf(index: number): number {
  let remaining = index;
  let components = 0;
  while (remaining) {
    components++;
    let frontier = remaining & -remaining;
    while (frontier) {
      remaining &= ~frontier;
      let grown = 0;
      for (let bit = 0; bit < 9; bit++) {
        if (!(frontier & (1 << bit))) continue;
        const row = Math.floor(bit / 3);
        const col = bit % 3;
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const r = row + dr;
            const c = col + dc;
            if (r >= 0 && r < 3 && c >= 0 && c < 3) grown |= 1 << (r * 3 + c);
          }
        }
      }
      frontier = grown & remaining;
    }
  }
  return components;
}

/** Whether the centre pixel stays: scikit-image's medial-axis lookup table. */
const KEEP = (() => {
  const table = new Uint8Array(512);
  for (let index = 0; index < 512; index++) {
    const disconnects = componentsOf(index) !== componentsOf(index & ~CENTRE);
    table[index] = index & CENTRE && (disconnects || popcount(index) < 3) ? 1 : 0;
  }
  return table;
})();
