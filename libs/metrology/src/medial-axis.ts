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
export const MEDIAL_AXIS_TIE_BREAKS = 5;

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
  const squaredDistance = squaredDistanceTransform(background, width, height);
  const skeleton = new Uint8Array(pixels);
  if (foreground === 0) return { skeleton, squaredDistance };

  const { order, groupEnds, pixelOf } = visitOrder(image, width, height, squaredDistance, foreground);
  const runs: { kept: Uint8Array; mean: number }[] = [];
  const shuffled = new Int32Array(foreground);
  for (let seed = 1; seed <= MEDIAL_AXIS_TIE_BREAKS; seed++) {
    shuffled.set(order);
    shuffleWithinGroups(shuffled, groupEnds, seed);
    skeleton.set(image);
    for (let i = 0; i < foreground; i++) {
      const p = pixelOf[shuffled[i]!]!;
      const y = (p / width) | 0;
      skeleton[p] = KEEP[configuration(skeleton, width, height, p - y * width, y)]!;
    }
    const kept = new Uint8Array(foreground);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < foreground; i++) {
      const p = pixelOf[i]!;
      if (!skeleton[p]) continue;
      kept[i] = 1;
      sum += Math.sqrt(squaredDistance[p]!);
      count++;
    }
    runs.push({ kept, mean: count ? sum / count : 0 });
  }
  const median = [...runs].sort((a, b) => a.mean - b.mean)[(runs.length - 1) >> 1]!;
  skeleton.fill(0);
  for (let i = 0; i < foreground; i++) if (median.kept[i]) skeleton[pixelOf[i]!] = 1;
  return { skeleton, squaredDistance };
}

/**
 * Foreground ordinals (raster order) sorted by (squared distance, cornerness), with the end of each
 * run of equal keys: the ties that the tie-break orders shuffle.
 */
function visitOrder(image: Uint8Array, width: number, height: number, squaredDistance: Float64Array, foreground: number) {
  let maxDistance = 0;
  for (let p = 0; p < image.length; p++) if (image[p] && squaredDistance[p]! > maxDistance) maxDistance = squaredDistance[p]!;
  // One sortable float per pixel, (key, ordinal), exact below 2^53.
  if ((maxDistance * 10 + 9) * foreground >= Number.MAX_SAFE_INTEGER) {
    throw invalidInput(`a ${width}x${height} layer is too large for the medial axis ordering`, { width, height });
  }
  const pixelOf = new Int32Array(foreground);
  const keys = new Float64Array(foreground);
  for (let y = 0, p = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (!image[p]) continue;
      const cornerness = 9 - popcount(configuration(image, width, height, x, y));
      pixelOf[i] = p;
      keys[i] = (squaredDistance[p]! * 10 + cornerness) * foreground + i;
      i++;
    }
  }
  keys.sort();
  const order = new Int32Array(foreground);
  const ends: number[] = [];
  let previous = -1;
  for (let i = 0; i < foreground; i++) {
    const key = keys[i]!;
    const group = Math.floor(key / foreground);
    order[i] = key - group * foreground;
    if (group !== previous && i > 0) ends.push(i);
    previous = group;
  }
  ends.push(foreground);
  return { order, groupEnds: Int32Array.from(ends), pixelOf };
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

/** The 9-bit neighbourhood index of (x, y); pixels outside the image count as background. */
function configuration(image: Uint8Array, width: number, height: number, x: number, y: number): number {
  const p = y * width + x;
  const left = x > 0;
  const right = x < width - 1;
  let index = image[p] ? CENTRE : 0;
  if (y > 0) {
    const up = p - width;
    if (left && image[up - 1]) index |= 1;
    if (image[up]) index |= 2;
    if (right && image[up + 1]) index |= 4;
  }
  if (left && image[p - 1]) index |= 8;
  if (right && image[p + 1]) index |= 32;
  if (y < height - 1) {
    const down = p + width;
    if (left && image[down - 1]) index |= 64;
    if (image[down]) index |= 128;
    if (right && image[down + 1]) index |= 256;
  }
  return index;
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
