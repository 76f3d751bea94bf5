import sharp from 'sharp';

/**
 * The largest image MicroSeg decodes: 100 megapixels (a 10000x10000 SEM montage). The check runs
 * on the header, before any pixel is decoded, so a small file that claims 30000x30000 pixels (a
 * decompression bomb) is refused without allocating its 900 MB.
 */
export const DEFAULT_MAX_PIXELS = 100_000_000;

export interface DecoderOptions {
  /** Width x height above which an image is refused (default DEFAULT_MAX_PIXELS). */
  maxPixels?: number;
}

/**
 * For services: no libvips operation cache (each upload is decoded once, a cache only holds
 * memory) and a bounded thread pool per decode, so memory stays proportional to the images in
 * flight.
 */
export function configureDecoder(options: { threads?: number } = {}): void {
  sharp.cache(false);
  if (options.threads !== undefined) sharp.concurrency(options.threads);
}
