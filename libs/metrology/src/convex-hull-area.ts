/**
 * Pixel count of a region's convex hull as scikit-image's `convex_hull_image` defines it: every pixel is
 * a diamond (its centre +-0.5 along each axis), and a pixel belongs to the hull when its centre lies
 * inside or on the polygon hull of all diamonds.
 *
 * Hand-written because no library counts lattice points of a hull exactly: the hull of a connected
 * region is bounded, per row, by a convex left chain and a concave right chain built from each row's
 * extreme pixels, so it costs O(rows) with exact integer arithmetic (coordinates doubled).
 */
export class ConvexHullAreaCounter {
  private ys = new Int32Array(0);
  private xs = new Int32Array(0);
  private hullY = new Int32Array(0);
  private hullX = new Int32Array(0);

  /**
   * `left[k]`, `right[k]`: leftmost and rightmost column of the region in its k-th row (relative to any
   * fixed origin); a connected region has pixels in every row of its bounding box.
   */
  count(left: Int32Array, right: Int32Array, offset: number, rows: number): number {
    this.ensure(2 * rows + 1);
    const leftHull = this.chain(left, right, offset, rows, true);
    const leftY = this.hullY.slice(0, leftHull);
    const leftX = this.hullX.slice(0, leftHull);
    this.chain(left, right, offset, rows, false);
    let total = 0;
    let li = 0;
    let ri = 0;
    for (let k = 0; k < rows; k++) {
      const y = 2 * k;
      while (leftY[li + 1]! < y) li++;
      while (this.hullY[ri + 1]! < y) ri++;
      const first = Math.ceil(along(leftY[li]!, leftX[li]!, leftY[li + 1]!, leftX[li + 1]!, y));
      const last = Math.floor(
        along(this.hullY[ri]!, this.hullX[ri]!, this.hullY[ri + 1]!, this.hullX[ri + 1]!, y),
      );
      if (last >= first) total += last - first + 1;
    }
    return total;
  }

  /** Builds the left (convex) or right (concave) boundary chain into hullY/hullX; returns its length. */
  private chain(
    left: Int32Array,
    right: Int32Array,
    offset: number,
    rows: number,
    isLeft: boolean,
  ): number {
    const { ys, xs } = this;
    const side = isLeft ? left : right;
    const sign = isLeft ? -1 : 1;
    let n = 0;
    const push = (y: number, x: number) => {
      ys[n] = y;
      xs[n] = x;
      n++;
    };
    push(-1, 2 * side[offset]!);
    for (let k = 0; k < rows; k++) {
      const col = 2 * side[offset + k]!;
      push(2 * k, col + sign);
      if (k + 1 < rows) {
        const nextCol = 2 * side[offset + k + 1]!;
        push(2 * k + 1, isLeft ? Math.min(col, nextCol) : Math.max(col, nextCol));
      }
    }
    push(2 * rows - 1, 2 * side[offset + rows - 1]!);

    const { hullY, hullX } = this;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const y = ys[i]!;
      const x = xs[i]!;
      while (h >= 2) {
        const cross =
          (hullY[h - 1]! - hullY[h - 2]!) * (x - hullX[h - 2]!) -
          (hullX[h - 1]! - hullX[h - 2]!) * (y - hullY[h - 2]!);
        // Left chain keeps counter-clockwise turns (convex from the left), right chain clockwise ones.
        if (isLeft ? cross <= 0 : cross >= 0) h--;
        else break;
      }
      hullY[h] = y;
      hullX[h] = x;
      h++;
    }
    return h;
  }

  private ensure(size: number): void {
    if (this.ys.length >= size) return;
    this.ys = new Int32Array(size);
    this.xs = new Int32Array(size);
    this.hullY = new Int32Array(size);
    this.hullX = new Int32Array(size);
  }
}

/**
 * Column (in pixel units) where segment (y0,x0)-(y1,x1) of doubled coordinates meets row y.
 * Integer numerator and denominator: the quotient is exact whenever it is an integer, so the
 * ceil/floor of pixels lying exactly on the hull edge are right.
 */
function along(y0: number, x0: number, y1: number, x1: number, y: number): number {
  const dy = y1 - y0;
  return (x0 * dy + (y - y0) * (x1 - x0)) / (2 * dy);
}
