import { labelComponents } from './connected-components.ts';

/**
 * Binary morphology with scikit-image's `disk(radius)` footprint ({dy^2 + dx^2 <= r^2}) and its border
 * rules (dilation: outside is background; erosion: outside is foreground). Images are 0/1 Uint8Arrays,
 * row-major.
 *
 * Hand-written because a disk dilation decomposes exactly: a pixel is covered when some site at
 * vertical distance g <= r in its column lies within floor(sqrt(r^2 - g^2)) columns. Per row that is a
 * set of intervals, summed with a difference array: linear time whatever the radius.
 */
export function dilateDisk(image: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const vertical = cappedColumnDistances(image, width, height, radius + 1);
  const reach = new Int32Array(radius + 1);
  for (let g = 0; g <= radius; g++) reach[g] = Math.floor(Math.sqrt(radius * radius - g * g));
  const out = new Uint8Array(image.length);
  const cover = new Int32Array(width + 1);
  for (let row = 0; row < image.length; row += width) {
    cover.fill(0);
    for (let x = 0; x < width; x++) {
      const g = vertical[row + x]!;
      if (g > radius) continue;
      const w = reach[g]!;
      cover[x - w > 0 ? x - w : 0]!++;
      cover[x + w + 1 < width ? x + w + 1 : width]!--;
    }
    let depth = 0;
    for (let x = 0; x < width; x++) {
      depth += cover[x]!;
      out[row + x] = depth > 0 ? 1 : 0;
    }
  }
  return out;
}

export function erodeDisk(image: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const background = new Uint8Array(image.length);
  for (let p = 0; p < image.length; p++) background[p] = image[p] ? 0 : 1;
  const grown = dilateDisk(background, width, height, radius);
  for (let p = 0; p < grown.length; p++) grown[p] = image[p] && !grown[p] ? 1 : 0;
  return grown;
}

/** skimage.morphology.binary_closing(image, disk(radius)). */
export function closeDisk(image: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return erodeDisk(dilateDisk(image, width, height, radius), width, height, radius);
}

/** skimage.morphology.binary_opening(image, disk(radius)). */
export function openDisk(image: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return dilateDisk(erodeDisk(image, width, height, radius), width, height, radius);
}

const FOREGROUND = Uint8Array.of(0, 1);
const BACKGROUND = Uint8Array.of(1, 0);

/** skimage.morphology.remove_small_objects(image, min_size): drops 4-connected objects under minSize pixels. */
export function removeSmallObjects(image: Uint8Array, width: number, height: number, minSize: number): Uint8Array {
  return keepLargeComponents(image, width, height, minSize, FOREGROUND, 1);
}

/**
 * skimage.morphology.remove_small_holes(image, area_threshold): fills 4-connected background regions
 * under areaThreshold pixels, those touching the image border included.
 */
export function removeSmallHoles(image: Uint8Array, width: number, height: number, areaThreshold: number): Uint8Array {
  return keepLargeComponents(image, width, height, areaThreshold, BACKGROUND, 0);
}

function keepLargeComponents(
  image: Uint8Array,
  width: number,
  height: number,
  minSize: number,
  include: Uint8Array,
  value: 0 | 1,
): Uint8Array {
  const { labels, count } = labelComponents(image, width, height, include, 4);
  const sizes = new Float64Array(count + 1);
  for (let p = 0; p < labels.length; p++) sizes[labels[p]!]!++;
  const out = Uint8Array.from(image);
  for (let p = 0; p < labels.length; p++) {
    const label = labels[p]!;
    if (label && sizes[label]! < minSize) out[p] = 1 - value;
  }
  return out;
}

/** Distance along each column to the nearest set pixel, capped at `cap` (all a disk dilation needs). */
function cappedColumnDistances(image: Uint8Array, width: number, height: number, cap: number): Uint16Array {
  const out = new Uint16Array(image.length);
  const gap = new Uint16Array(width).fill(cap);
  for (let row = 0; row < image.length; row += width) {
    for (let x = 0; x < width; x++) {
      const g = image[row + x] ? 0 : gap[x]! < cap ? gap[x]! + 1 : cap;
      gap[x] = g;
      out[row + x] = g;
    }
  }
  gap.fill(cap);
  for (let row = image.length - width; row >= 0; row -= width) {
    for (let x = 0; x < width; x++) {
      const g = image[row + x] ? 0 : gap[x]! < cap ? gap[x]! + 1 : cap;
      gap[x] = g;
      if (g < out[row + x]!) out[row + x] = g;
    }
  }
  return out;
}
