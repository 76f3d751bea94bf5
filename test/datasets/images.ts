import { createHash } from 'node:crypto';
import sharp from 'sharp';

/** Small synthetic micrographs for tests: gradients plus a seed, so every seed gives other bytes. */
export function grayPng(width: number, height: number, seed = 0): Promise<Buffer> {
  const pixels = Uint8Array.from({ length: width * height }, (_, i) => ((i % width) * 3 + Math.floor(i / width) * 5 + seed * 17) % 256);
  return sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

export function gray16Png(width: number, height: number, seed = 0): { png: Promise<Buffer>; pixels: Uint16Array } {
  const pixels = Uint16Array.from({ length: width * height }, (_, i) => (i * 257 + seed * 7919) % 65536);
  return { pixels, png: sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('grey16').png().toBuffer() };
}

export function indexMaskPng(width: number, height: number, classes = 3): Promise<Buffer> {
  const pixels = Uint8Array.from({ length: width * height }, (_, i) => (i % width) % classes);
  return sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** PUTs bytes to a presigned URL as any client would. */
export async function putToUrl(url: string, bytes: Uint8Array): Promise<Response> {
  return fetch(url, { method: 'PUT', body: bytes, headers: { 'content-length': String(bytes.byteLength) } });
}
