/**
 * Exact squared Euclidean distance from every pixel to the nearest site pixel (`sites[p] === 1`), by
 * Felzenszwalb & Huttenlocher's separable lower-envelope algorithm: linear time, typed arrays only.
 * Pixels outside the image are not sites (scipy's `distance_transform_edt` semantics); with no site at
 * all every distance is Infinity. Squared distances are integers, exact in float64.
 */
export function squaredDistanceTransform(
  sites: Uint8Array,
  width: number,
  height: number,
): Float64Array {
  const out = new Float64Array(width * height);
  columnDistances(sites, width, height, out);
  for (let p = 0; p < out.length; p++) out[p] = out[p]! * out[p]!;
  // Pass 2: lower envelope of the parabolas x -> (x - q)^2 + f(q) along each row (f(q) + q^2 kept in h).
  const h = new Float64Array(width);
  const v = new Int32Array(width);
  const z = new Float64Array(width + 1);
  for (let row = 0; row < out.length; row += width) {
    // A row of sites only (common: background far from a layer) is already all zeros.
    let anyNonZero = false;
    for (let x = 0; x < width && !anyNonZero; x++) anyNonZero = out[row + x] !== 0;
    if (!anyNonZero) continue;
    let k = -1;
    for (let q = 0; q < width; q++) {
      const fq = out[row + q]!;
      // Columns without any site carry no parabola; skipping them keeps the arithmetic finite.
      if (fq === Infinity) continue;
      const hq = fq + q * q;
      h[q] = hq;
      if (k < 0) {
        k = 0;
        v[0] = q;
        z[0] = -Infinity;
        continue;
      }
      let s = (hq - h[v[k]!]!) / (2 * (q - v[k]!));
      while (s <= z[k]!) {
        k--;
        s = (hq - h[v[k]!]!) / (2 * (q - v[k]!));
      }
      k++;
      v[k] = q;
      z[k] = s;
    }
    if (k < 0) {
      out.fill(Infinity, row, row + width);
      continue;
    }
    z[k + 1] = Infinity;
    let j = 0;
    for (let x = 0; x < width; x++) {
      while (z[j + 1]! < x) j++;
      const site = v[j]!;
      const dx = x - site;
      out[row + x] = dx * dx + (h[site]! - site * site);
    }
  }
  return out;
}

/**
 * Distance along its column from every pixel to the nearest site in that column (Infinity if none),
 * swept row by row so that memory is read in order.
 */
export function columnDistances(
  sites: Uint8Array,
  width: number,
  height: number,
  out: Float64Array,
): void {
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
