import { type ClassRule, type SixteenBitInput, pixelClass } from './conventions.ts';
import { type ImageInput, type Normalisation, channelNormaliser } from './image-input.ts';
import { type ProbabilityBand, pixelBand } from './probability-band.ts';
import { type TilePlan, reflectIndex } from './tile-plan.ts';

export interface TilePosition {
  column: number;
  row: number;
}

/**
 * Writes tile (column, row) of the virtually padded, normalised image into `out` at `offset` as [tile,tile,3],
 * reading the source image directly so the padded image never exists in memory.
 */
export function createTileReader(image: ImageInput, plan: TilePlan, normalisation: Normalisation, sixteenBit: SixteenBitInput = 'full_range') {
  const normalise = channelNormaliser(image, normalisation, sixteenBit);
  const { width, height, channels, data } = image;
  const { tile, stride, margin } = plan;
  // Source column of each padded column (-1: zero padding), shared by every row of the image.
  const reflected = (n: number, padded: number) => {
    const index = new Int32Array(padded);
    for (let p = 0; p < padded; p++) index[p] = p < n + 2 * margin ? reflectIndex(p - margin, n) : -1;
    return index;
  };
  const sourceX = reflected(width, plan.columns * stride + 2 * margin);
  const sourceY = reflected(height, plan.rows * stride + 2 * margin);
  const rgb = channels === 1 ? [0, 0, 0] : [0, 1, 2];

  return (position: TilePosition, out: Float32Array, offset: number): void => {
    const x0 = position.column * stride;
    const y0 = position.row * stride;
    for (let ty = 0; ty < tile; ty++) {
      const sy = sourceY[y0 + ty]!;
      const rowStart = offset + ty * tile * 3;
      if (sy < 0) {
        out.fill(0, rowStart, rowStart + tile * 3);
        continue;
      }
      for (let tx = 0; tx < tile; tx++) {
        const sx = sourceX[x0 + tx]!;
        const o = rowStart + tx * 3;
        if (sx < 0) {
          out[o] = 0;
          out[o + 1] = 0;
          out[o + 2] = 0;
          continue;
        }
        const s = (sy * width + sx) * channels;
        out[o] = normalise(data[s + rgb[0]!]!, 0);
        out[o + 1] = normalise(data[s + rgb[1]!]!, 1);
        out[o + 2] = normalise(data[s + rgb[2]!]!, 2);
      }
    }
  };
}

/** Copies the kept centre of a tile's probabilities [tile,tile,classes] into the whole-image outputs. */
export function createStitcher(plan: TilePlan, classes: number, withProbabilities: boolean, rule: ClassRule, band?: ProbabilityBand) {
  const { width, height, stride } = plan;
  const newMask = () => (classes <= 256 ? new Uint8Array(width * height) : new Uint16Array(width * height));
  const mask = newMask();
  const probabilities = withProbabilities ? new Float32Array(width * height * classes) : undefined;
  // The band's masks are made tile by tile, so that no whole-image probability map is needed for them.
  const bandMasks = band ? { lower: newMask(), upper: newMask() } : undefined;

  const write = (position: TilePosition, centre: Float32Array, centreOffset: number): void => {
    const x0 = position.column * stride;
    const y0 = position.row * stride;
    const keepWidth = Math.min(stride, width - x0);
    const keepHeight = Math.min(stride, height - y0);
    for (let y = 0; y < keepHeight; y++) {
      for (let x = 0; x < keepWidth; x++) {
        const src = centreOffset + (y * stride + x) * classes;
        const pixel = (y0 + y) * width + x0 + x;
        mask[pixel] = pixelClass(centre, src, classes, rule);
        probabilities?.set(centre.subarray(src, src + classes), pixel * classes);
        if (bandMasks) [bandMasks.lower[pixel], bandMasks.upper[pixel]] = pixelBand(centre, src, classes, rule, band!);
      }
    }
  };
  return { classes, mask, probabilities, bandMasks, write };
}

/** Crops the centre [margin, margin+size)² of each of `count` tiles [tile,tile,classes]. */
export function cropCentres(tiles: Float32Array, count: number, tile: number, margin: number, size: number, classes: number): Float32Array {
  const out = new Float32Array(count * size * size * classes);
  const rowLength = size * classes;
  for (let t = 0; t < count; t++) {
    for (let y = 0; y < size; y++) {
      const src = ((t * tile + margin + y) * tile + margin) * classes;
      out.set(tiles.subarray(src, src + rowLength), (t * size + y) * rowLength);
    }
  }
  return out;
}
