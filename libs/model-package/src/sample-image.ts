/** A grayscale image: 8-bit values, row-major. */
export interface GrayImage {
  pixels: Uint8Array;
  width: number;
  height: number;
}

/**
 * A deterministic micrograph in the look of the benchmark's superalloy images (bright cuboidal
 * precipitates in a darker matrix, with noise), used as the package's test input and cover when the
 * caller gives no real image: the product ships no benchmark data.
 */
export function syntheticMicrograph(size = 256): GrayImage {
  let state = 0x9e3779b9;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const pixels = new Uint8Array(size * size);
  const field = new Float32Array(size * size).fill(70);
  const pitch = 40;
  for (let cy = pitch / 2; cy < size; cy += pitch) {
    for (let cx = pitch / 2; cx < size; cx += pitch) {
      const x0 = cx + (random() - 0.5) * 10;
      const y0 = cy + (random() - 0.5) * 10;
      const half = 9 + random() * 9;
      for (let y = Math.max(0, Math.floor(y0 - half - 2)); y < Math.min(size, y0 + half + 2); y++) {
        for (let x = Math.max(0, Math.floor(x0 - half - 2)); x < Math.min(size, x0 + half + 2); x++) {
          // A rounded square: the superellipse |dx|^4 + |dy|^4 <= half^4, with a soft edge.
          const r = Math.hypot((x - x0) ** 2, (y - y0) ** 2) ** 0.5;
          const edge = Math.min(1, Math.max(0, half + 1 - r));
          field[y * size + x] = Math.max(field[y * size + x]!, 70 + 110 * edge);
        }
      }
    }
  }
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, Math.round(field[i]! + (random() - 0.5) * 30)));
  return { pixels, width: size, height: size };
}
