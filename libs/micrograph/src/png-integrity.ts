import { crc32 } from 'node:zlib';
import { invalidInput } from '@microseg/errors';

/**
 * Walks the chunks of a PNG and checks every CRC. Hand-written because libspng, sharp's PNG
 * decoder, does not fail on a CRC mismatch when the data still inflates: a flipped bit in transit
 * or on disk would then be stored as if it were the scientist's data.
 */
export function assertPngChunksIntact(bytes: Uint8Array): void {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset < data.length) {
    if (offset + 12 > data.length) throw truncated(offset);
    const length = data.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > data.length) throw truncated(offset);
    const type = data.subarray(offset + 4, offset + 8).toString('latin1');
    const stored = data.readUInt32BE(end - 4);
    const actual = crc32(data.subarray(offset + 4, end - 4));
    if (stored !== actual) {
      throw invalidInput(`PNG chunk ${type} at byte ${offset} has a bad CRC: the file is corrupt`, {
        problem: 'bad-crc',
        chunk: type,
        offset,
      });
    }
    if (type === 'IEND') return;
    offset = end;
  }
  throw truncated(offset);
}

function truncated(offset: number) {
  return invalidInput(`the PNG is truncated at byte ${offset}`, { problem: 'truncated', format: 'png', offset });
}
