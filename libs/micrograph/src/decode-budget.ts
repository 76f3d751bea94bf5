import { Semaphore } from 'async-mutex';
import type { ImageInfo } from './decode-image.ts';

export const DecodeWork = {
  /** The thumbnail pass: the file decoded as a stream, shrunk as it goes. */
  streamed: 'streamed',
  /** The normalised copy: decoded as a stream, the encoded PNG held until it is stored. */
  reencoded: 'reencoded',
  /** Every sample in memory at once (mask validation reads each pixel). */
  whole: 'whole',
} as const;
export type DecodeWork = (typeof DecodeWork)[keyof typeof DecodeWork];

/**
 * Rows libvips holds while streaming: its threads' strips and the shrink's line buffers. Measured
 * for a 10000x10000 16-bit RGB PNG: about 94 MB to shrink it to a thumbnail, 56 MB to re-encode
 * it (2 threads); 2048 rows of 60 kB make 120 MB, a margin above both.
 */
const STREAMED_ROWS = 2048;

/** What decoding `info` for `work` holds in memory, in bytes, from its header alone. */
export function decodeMemoryBytes(info: Pick<ImageInfo, 'width' | 'height' | 'channels' | 'bitDepth'>, work: DecodeWork): number {
  const pixelBytes = info.channels * (info.bitDepth / 8);
  const samples = info.width * info.height * pixelBytes;
  const strips = info.width * pixelBytes * Math.min(info.height, STREAMED_ROWS);
  switch (work) {
    case 'streamed':
      return strips;
    // The encoded copy is below the samples' size for micrographs: the samples bound it.
    case 'reencoded':
      return strips + samples;
    // The samples, and one byte per pixel for the class indices a mask is read into.
    case 'whole':
      return samples + info.width * info.height;
  }
}

/**
 * The decoding memory a process allows itself: each decode waits until its estimate fits beside
 * the ones running, first come first served. One image larger than the whole budget still runs,
 * alone, so the limit on a single image stays the pixel limit.
 */
export class DecodeBudget {
  private readonly semaphore: Semaphore;
  private readonly capacityMiB: number;

  constructor(readonly capacityBytes: number) {
    this.capacityMiB = Math.max(1, Math.floor(capacityBytes / 2 ** 20));
    this.semaphore = new Semaphore(this.capacityMiB);
  }

  run<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    const weight = Math.min(this.capacityMiB, Math.max(1, Math.ceil(bytes / 2 ** 20)));
    return this.semaphore.runExclusive(work, weight);
  }
}
