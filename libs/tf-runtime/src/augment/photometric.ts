import type { Raster } from './raster.ts';

/** Photometric changes act on intensities in 0..1 and clip back into that range. */
function clip01(data: Float32Array): Float32Array {
  for (let i = 0; i < data.length; i++) data[i] = data[i]! < 0 ? 0 : data[i]! > 1 ? 1 : data[i]!;
  return data;
}

/** Adds `delta` (a fraction of full scale), as albumentations' brightness with brightness_by_max. */
export function adjustBrightness(r: Raster<Float32Array>, delta: number): Raster<Float32Array> {
  return { ...r, data: clip01(r.data.map((v) => v + delta)) };
}

/** Scales deviations from the image mean by `factor`, so contrast changes keep the mean brightness. */
export function adjustContrast(r: Raster<Float32Array>, factor: number): Raster<Float32Array> {
  let sum = 0;
  for (const v of r.data) sum += v;
  const mean = sum / r.data.length;
  return { ...r, data: clip01(r.data.map((v) => (v - mean) * factor + mean)) };
}

export function adjustGamma(r: Raster<Float32Array>, gamma: number): Raster<Float32Array> {
  return { ...r, data: r.data.map((v) => Math.pow(v, gamma)) };
}

/** 3x3 correlation per channel with mirrored borders (OpenCV's BORDER_REFLECT_101, as albumentations uses). */
function filter3x3(r: Raster<Float32Array>, kernel: readonly number[]): Raster<Float32Array> {
  const { width, height, channels } = r;
  const out = new Float32Array(r.data.length);
  const mirror = (i: number, n: number) => (n === 1 ? 0 : i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) {
          const sy = mirror(y + dy, height);
          for (let dx = -1; dx <= 1; dx++) {
            sum += kernel[(dy + 1) * 3 + dx + 1]! * r.data[(sy * width + mirror(x + dx, width)) * channels + c]!;
          }
        }
        out[(y * width + x) * channels + c] = sum;
      }
    }
  }
  return { ...r, data: clip01(out) };
}

/** A 3x3 box blur (albumentations' Blur with blur_limit 3). */
export function blur(r: Raster<Float32Array>): Raster<Float32Array> {
  return filter3x3(r, new Array<number>(9).fill(1 / 9));
}

/** imgaug's Sharpen: identity blended with a Laplacian-style kernel by `alpha`, `lightness` scaling the centre. */
export function sharpen(r: Raster<Float32Array>, alpha: number, lightness: number): Raster<Float32Array> {
  const effect = [-1, -1, -1, -1, 8 + lightness, -1, -1, -1, -1];
  const kernel = effect.map((e, i) => (1 - alpha) * (i === 4 ? 1 : 0) + alpha * e);
  return filter3x3(r, kernel);
}
