import sharp from 'sharp';
import { type ImageInfo, colourspaceFor, decodeFailure, openImage } from './decode-image.ts';
import type { DecoderOptions } from './decoder-limits.ts';

export const THUMBNAIL_MAX_SIDE = 256;

/**
 * The lossless working copy every later step reads: a PNG with the samples at the original bit
 * depth and channel count, made as a stream (libvips decodes and encodes a strip at a time, so a
 * 100-megapixel image never sits decoded in memory; the encoded PNG does). Fast deflate: it is
 * written once per upload and PNG's filters do most of the work on micrographs anyway.
 */
export async function encodeNormalisedPng(bytes: Uint8Array, info: ImageInfo, options: DecoderOptions = {}): Promise<Buffer> {
  try {
    return await openImage(bytes, options).toColourspace(colourspaceFor(info.channels, info.bitDepth)).png({ compressionLevel: 3 }).toBuffer();
  } catch (error) {
    throw decodeFailure(error, info.format);
  }
}

/**
 * A small 8-bit JPEG preview, made from the file as a stream: it is decoded top to bottom once
 * (any decoder warning, a truncated end included, refuses it) and shrunk as it goes. Contrast is
 * stretched because 16-bit detector data often uses a narrow band of the range and would
 * otherwise preview as a flat gray square; the stretch needs the whole image's range, so it runs
 * on the shrunk copy.
 */
export async function renderThumbnail(bytes: Uint8Array, info: ImageInfo, options: DecoderOptions = {}, maxSide = THUMBNAIL_MAX_SIDE): Promise<Buffer> {
  let small: { data: Buffer; info: sharp.OutputInfo };
  try {
    small = await openImage(bytes, options)
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .toColourspace(colourspaceFor(info.channels, info.bitDepth))
      .raw({ depth: info.bitDepth === 16 ? 'ushort' : 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decodeFailure(error, info.format);
  }
  const samples = info.bitDepth === 16 ? new Uint16Array(small.data.buffer, small.data.byteOffset, small.data.byteLength / 2) : small.data;
  return sharp(samples, { raw: { width: small.info.width, height: small.info.height, channels: info.channels } })
    .normalise()
    .toColourspace(info.channels === 1 ? 'b-w' : 'srgb')
    .jpeg({ quality: 85 })
    .toBuffer();
}
