import { MicroSegError, invalidInput } from '@microseg/errors';
import sharp, { type Metadata } from 'sharp';
import { DEFAULT_MAX_PIXELS, type DecoderOptions } from './decoder-limits.ts';
import { type ImageFormat, printablePrefix, sniffFormat } from './image-format.ts';
import { type PixelSize, pixelSizeFromDensity } from './pixel-size.ts';
import { assertPngChunksIntact } from './png-integrity.ts';
import { type PixelSizeOrigin, readSemPixelSize } from './sem-metadata.ts';

export type Channels = 1 | 3;
export type BitDepth = 8 | 16;

/** What MicroSeg records about a micrograph. */
export interface ImageInfo {
  format: ImageFormat;
  /** JPEG: accepted, but its pixels are not the instrument's. */
  lossy: boolean;
  width: number;
  height: number;
  channels: Channels;
  bitDepth: BitDepth;
  /**
   * From a TIFF: an SEM vendor's own tag (FEI/Thermo Fisher, Zeiss) first, else the resolution
   * tags when they state a physical scale; undefined when nothing states it.
   */
  pixelSize: PixelSize | undefined;
  /** Which of those it came from; undefined with the pixel size. */
  pixelSizeOrigin: PixelSizeOrigin | undefined;
  /** The file can serve as the normalised copy itself (a plain 8/16-bit gray or RGB PNG). */
  isNormalisedPng: boolean;
}

/** A fully decoded image: the samples, interleaved, at the file's bit depth. */
export interface DecodedImage {
  info: ImageInfo;
  pixels: Uint8Array | Uint16Array;
}

const FORMAT_OF: Record<string, ImageFormat> = { png: 'png', tiff: 'tiff', jpeg: 'jpeg' };

/** The sharp colourspace that keeps a decoded image's channel count and bit depth exactly. */
export function colourspaceFor(channels: Channels, bitDepth: BitDepth): 'b-w' | 'grey16' | 'srgb' | 'rgb16' {
  if (channels === 1) return bitDepth === 16 ? 'grey16' : 'b-w';
  return bitDepth === 16 ? 'rgb16' : 'srgb';
}

/**
 * Validates an uploaded micrograph from its header, without decoding a pixel: PNG, TIFF or JPEG,
 * one page, 8 or 16 bits, gray or RGB, within the pixel limit (a PNG's chunks checked whole).
 * Every refusal is an INVALID_INPUT whose `details.problem` names it (empty-file,
 * unsupported-format, truncated, corrupt, bad-crc, too-many-pixels, multi-page,
 * unsupported-channels, unsupported-bit-depth).
 */
export async function inspectImage(bytes: Uint8Array, options: DecoderOptions = {}): Promise<ImageInfo> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (bytes.byteLength === 0) throw invalidInput('the file is empty (0 bytes)', { problem: 'empty-file' });
  const claimed = sniffFormat(bytes);
  if (!claimed) {
    throw invalidInput(`not a PNG, TIFF or JPEG image (it starts with "${printablePrefix(bytes)}")`, {
      problem: 'unsupported-format',
    });
  }
  if (claimed === 'png') assertPngChunksIntact(bytes);
  return describe(await readHeader(bytes, claimed), claimed, maxPixels, bytes);
}

/**
 * Decodes a micrograph whole, after inspectImage's checks: the samples, interleaved, at the
 * file's bit depth, decodable to the last byte. It holds width x height x channels x bytes per
 * sample in memory: callers that only need derived files use the streamed ones (derived-images).
 */
export async function decodeImage(bytes: Uint8Array, options: DecoderOptions = {}): Promise<DecodedImage> {
  const info = await inspectImage(bytes, options);
  let raw: Buffer;
  try {
    raw = await openImage(bytes, options)
      .toColourspace(colourspaceFor(info.channels, info.bitDepth))
      .raw({ depth: info.bitDepth === 16 ? 'ushort' : 'uchar' })
      .toBuffer();
  } catch (error) {
    throw decodeFailure(error, info.format);
  }
  const pixels =
    info.bitDepth === 16 ? new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2) : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  return { info, pixels };
}

/** A sharp pipeline over an inspected file: the pixel limit kept, any decoder warning fatal, read top to bottom once. */
export function openImage(bytes: Uint8Array, options: DecoderOptions = {}): sharp.Sharp {
  return sharp(bytes, { limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS, failOn: 'warning', sequentialRead: true });
}

/** Header only: dimensions and sample format without decoding a pixel. */
async function readHeader(bytes: Uint8Array, claimed: ImageFormat): Promise<Metadata> {
  try {
    // No pixel limit here: the header is all that is read, and the limit is checked below with
    // the dimensions in the message.
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decodeFailure(error, claimed);
  }
}

function describe(metadata: Metadata, claimed: ImageFormat, maxPixels: number, bytes: Uint8Array): ImageInfo {
  const format = FORMAT_OF[metadata.format ?? ''] ?? claimed;
  const { width = 0, height = 0 } = metadata;
  // sharp reads page 1 only: the other pages would be dropped without a word.
  if ((metadata.pages ?? 1) > 1) {
    throw invalidInput(`the ${format.toUpperCase()} has ${metadata.pages} pages; MicroSeg takes single-page images: upload each page as its own image`, {
      problem: 'multi-page',
      pages: metadata.pages,
    });
  }
  if (width * height > maxPixels) {
    throw invalidInput(
      `the image is ${width}x${height} (${(width * height / 1e6).toFixed(0)} megapixels), above the limit of ${(maxPixels / 1e6).toFixed(0)} megapixels`,
      { problem: 'too-many-pixels', width, height, maxPixels },
    );
  }
  // sharp types channels as 1..4, but a TIFF can carry any number of samples.
  const channels: number = metadata.channels ?? 0;
  if (channels !== 1 && channels !== 3) {
    const what = channels === 2 || channels === 4 ? `${channels} channels (an alpha channel)` : `${channels} channels`;
    throw invalidInput(`the image has ${what}; MicroSeg takes grayscale (1) or RGB (3) images`, {
      problem: 'unsupported-channels',
      channels,
    });
  }
  const bitDepth = metadata.depth === 'ushort' ? 16 : metadata.depth === 'uchar' ? 8 : undefined;
  if (bitDepth === undefined) {
    throw invalidInput(`the image stores ${metadata.depth ?? 'unknown'} samples; MicroSeg takes 8- or 16-bit integers`, {
      problem: 'unsupported-bit-depth',
      depth: metadata.depth,
    });
  }
  const scale = format === 'tiff' ? tiffPixelSize(metadata, bytes) : undefined;
  return {
    format,
    lossy: format === 'jpeg',
    width,
    height,
    channels,
    bitDepth,
    pixelSize: scale?.size,
    pixelSizeOrigin: scale?.origin,
    isNormalisedPng:
      format === 'png' && !metadata.isPalette && (metadata.bitsPerSample === 8 || metadata.bitsPerSample === 16),
  };
}

/** The instrument's own tag beats XResolution, which acquisition software often fills with a placeholder. */
function tiffPixelSize(metadata: Metadata, bytes: Uint8Array): { size: PixelSize; origin: PixelSizeOrigin } | undefined {
  const vendor = readSemPixelSize(bytes);
  if (vendor) return vendor;
  const size = pixelSizeFromDensity(metadata.density, metadata.resolutionUnit);
  return size ? { size, origin: 'tiff_resolution' } : undefined;
}

export function decodeFailure(error: unknown, claimed: ImageFormat): MicroSegError {
  const reason = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(reason)) {
    return invalidInput('the image is above the pixel limit', { problem: 'too-many-pixels' }, error);
  }
  // libvips says "unsupported image format" when a TIFF's directory lies beyond a cut-off end.
  const truncated = /end of (stream|file)|truncated|premature|unsupported image format|read error|out of data/i.test(reason);
  const label = claimed.toUpperCase();
  return truncated
    ? invalidInput(`the ${label} is truncated or corrupt (${reason})`, { problem: 'truncated', format: claimed }, error)
    : invalidInput(`the ${label} is corrupt: ${reason}`, { problem: 'corrupt', format: claimed }, error);
}
