import { MicroSegError } from '@microseg/errors';

export interface TilePlan {
  width: number;
  height: number;
  tile: number;
  stride: number;
  /** Reflect padding on every side, and the offset of the kept centre within a tile: (tile - stride) / 2. */
  margin: number;
  columns: number;
  rows: number;
}

/**
 * The paper's tiling: reflect-pad by a quarter tile, zero-pad to a whole number of strides, run tiles of
 * `tile` at `stride` and keep each tile's centre `stride` x `stride` (with 512/256, its centre half), so every
 * image pixel comes from exactly one tile that saw a quarter tile of context around it.
 */
export function planTiles(width: number, height: number, tile: number, stride: number): TilePlan {
  if (!Number.isInteger(tile) || !Number.isInteger(stride) || stride < 1 || stride > tile || (tile - stride) % 2 !== 0) {
    throw new MicroSegError('INVALID_INPUT', `tile ${tile} and stride ${stride} must be integers with stride <= tile and an even difference`, {
      details: { tile, stride },
    });
  }
  return {
    width,
    height,
    tile,
    stride,
    margin: (tile - stride) / 2,
    columns: Math.ceil(width / stride),
    rows: Math.ceil(height / stride),
  };
}

/** numpy.pad(mode='reflect') index: mirrors without repeating the edge, repeatedly for pads wider than the image. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const m = ((i % period) + period) % period;
  return m < n ? m : period - m;
}
