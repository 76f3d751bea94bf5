/**
 * Exact squared Euclidean distance from every pixel to the nearest site pixel (`sites[p] === 1`), by
 * Felzenszwalb & Huttenlocher's separable lower-envelope algorithm: linear time, typed arrays only.
 * Pixels outside the image are not sites (scipy's `distance_transform_edt` semantics); with no site at
 * all every distance is Infinity. Squared distances are integers, exact in float64.
 */
export function squaredDistanceTransform(sites: Uint8Array, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  columnDistances(sites, width, height, out);
  for (let p = 0; p < out.length; p++) out[p] = out[p]! * out[p]!;
  // Pass 2: lower envelope of the parabolas x -> (x - q)^2 + f(q) along each row.
  const f = new Float64Array(width);
  const v = new Int32Array(width);
  const z = new Float64Array(width + 1);
  for (let y = 0, row = 0; y < height; y++, row += width) {
    for (let x = 0; x < width; x++) f[x] = out[row + x]!;
    let k = -1;
    for (let q = 0; q < width; q++) {
      const fq = f[q]!;
      // Columns without any site carry no parabola; skipping them keeps the arithmetic finite.
      if (fq === Infinity) continue;
      if (k < 0) {
        k = 0;
        v[0] = q;
        z[0] = -Infinity;
        z[1] = Infinity;
        continue;
      }
      let s = (fq + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * (q - v[k]!));
      while (s <= z[k]!) {
        k--;
        s = (fq + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * (q - v[k]!));
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Infinity;
    }
    if (k < 0) {
      out.fill(Infinity, row, row + width);
      continue;
    }
    k = 0;
    for (let x = 0; x < width; x++) {
      while (z[k + 1]! < x) k++;
      const dx = x - v[k]!;
      out[row + x] = dx * dx + f[v[k]!]!;
    }
  }
  return out;
}

/**
 * Distance along its column from every pixel to the nearest site in that column (Infinity if none),
 * swept row by row so that memory is read in order.
 */
export function columnDistances(sites: Uint8Array, width: number, height: number, out: Float64Array): void {
  const nearest = new Float64Array(width).fill(-Infinity);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (sites[p]) nearest[x] = y;
      out[p] = y - nearest[x]!;
    }
  }
  nearest.fill(Infinity);
  for (let y = height - 1; y >= 0; y--) {
    for (let x = 0, p = y * width; x < width; x++, p++) {
      if (sites[p]) nearest[x] = y;
      const below = nearest[x]! - y;
      if (below < out[p]!) out[p] = below;
    }
  }
}
