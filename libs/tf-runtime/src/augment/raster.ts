/** Interleaved pixels, row-major, `channels` values per pixel. */
export type PixelArray = Float32Array | Uint8Array | Uint16Array;

export interface Raster<T extends PixelArray = PixelArray> {
  data: T;
  width: number;
  height: number;
  channels: number;
}

function like<T extends PixelArray>(data: T, length: number): T {
  return new (data.constructor as new (n: number) => T)(length);
}

/** The region [x, x+width) x [y, y+height); parts outside the raster are zero (albumentations' PadIfNeeded, border 0). */
export function crop<T extends PixelArray>(r: Raster<T>, x: number, y: number, width: number, height: number): Raster<T> {
  const out = like(r.data, width * height * r.channels);
  for (let row = 0; row < height; row++) {
    const sy = y + row;
    if (sy < 0 || sy >= r.height) continue;
    const x0 = Math.max(0, x);
    const x1 = Math.min(r.width, x + width);
    if (x1 <= x0) continue;
    out.set(r.data.subarray((sy * r.width + x0) * r.channels, (sy * r.width + x1) * r.channels), (row * width + x0 - x) * r.channels);
  }
  return { data: out, width, height, channels: r.channels };
}

export function flipHorizontal<T extends PixelArray>(r: Raster<T>): Raster<T> {
  const out = like(r.data, r.data.length);
  const c = r.channels;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const src = (y * r.width + x) * c;
      out.set(r.data.subarray(src, src + c), (y * r.width + (r.width - 1 - x)) * c);
    }
  }
  return { ...r, data: out };
}

export function flipVertical<T extends PixelArray>(r: Raster<T>): Raster<T> {
  const out = like(r.data, r.data.length);
  const rowLength = r.width * r.channels;
  for (let y = 0; y < r.height; y++) out.set(r.data.subarray(y * rowLength, (y + 1) * rowLength), (r.height - 1 - y) * rowLength);
  return { ...r, data: out };
}

/** Rotates by quarterTurns x 90 degrees counter-clockwise, as numpy.rot90 (and albumentations' RandomRotate90). */
export function rotate90<T extends PixelArray>(r: Raster<T>, quarterTurns: number): Raster<T> {
  const turns = ((quarterTurns % 4) + 4) % 4;
  if (turns === 0) return r;
  if (turns === 2) return flipVertical(flipHorizontal(r));
  const { width, height, channels: c } = r;
  const out = like(r.data, r.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Counter-clockwise: (x, y) -> (y, width-1-x); clockwise: (x, y) -> (height-1-y, x). Output width = height.
      const [ox, oy] = turns === 1 ? [y, width - 1 - x] : [height - 1 - y, x];
      const src = (y * width + x) * c;
      out.set(r.data.subarray(src, src + c), (oy * height + ox) * c);
    }
  }
  return { data: out, width: height, height: width, channels: c };
}
