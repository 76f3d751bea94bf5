import sharp from 'sharp';
import { type DecodedImage, colourspaceFor } from './decode-image.ts';

export const THUMBNAIL_MAX_SIDE = 256;

function fromPixels({ info, pixels }: DecodedImage) {
  return sharp(pixels, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

/**
 * The lossless working copy every later step reads: a PNG with the decoded samples at the
 * original bit depth and channel count. Fast deflate: it is written once per upload and PNG's
 * filters do most of the work on micrographs anyway.
 */
export function encodeNormalisedPng(decoded: DecodedImage): Promise<Buffer> {
  return fromPixels(decoded)
    .toColourspace(colourspaceFor(decoded.info.channels, decoded.info.bitDepth))
    .png({ compressionLevel: 3 })
    .toBuffer();
}

/**
 * A small 8-bit JPEG preview. Contrast is stretched because 16-bit detector data often uses a
 * narrow band of the range and would otherwise preview as a flat gray square.
 */
export function renderThumbnail(decoded: DecodedImage, maxSide = THUMBNAIL_MAX_SIDE): Promise<Buffer> {
  return fromPixels(decoded)
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .normalise()
    .toColourspace(decoded.info.channels === 1 ? 'b-w' : 'srgb')
    .jpeg({ quality: 85 })
    .toBuffer();
}
