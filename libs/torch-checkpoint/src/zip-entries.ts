import { invalidInput, isMicroSegError } from '@microseg/errors';
import { unzipSync } from 'fflate';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_HEADER_BYTES = 46;
const STORED = 0;
const DEFLATED = 8;

/**
 * The records of a zip archive by name. fflate trusts the archive's entry count and sizes,
 * so they are checked against the file length first: a corrupt count or size must end in
 * INVALID_INPUT, not in a loop over billions of phantom entries or a huge allocation.
 */
export function readZipEntries(bytes: Uint8Array): Map<string, Uint8Array> {
  const count = declaredEntryCount(bytes);
  if (count * CENTRAL_HEADER_BYTES > bytes.length) {
    throw invalidInput(
      'checkpoint zip is corrupt: its directory lists more entries than fit in the file',
      { entries: count },
    );
  }
  try {
    const files = unzipSync(bytes, {
      filter: (file) => {
        if (file.compression !== STORED && file.compression !== DEFLATED) {
          throw invalidInput('checkpoint zip uses an unsupported compression', {
            entry: file.name,
            method: file.compression,
          });
        }
        const bound = file.compression === STORED ? file.size : file.size * 1032;
        if (file.size > bytes.length || file.originalSize > bound) {
          throw invalidInput('checkpoint zip is corrupt: an entry is larger than the file', {
            entry: file.name,
          });
        }
        return true;
      },
    });
    return new Map(Object.entries(files));
  } catch (error) {
    if (isMicroSegError(error)) throw error;
    throw invalidInput('checkpoint zip is corrupt or truncated', { reason: String(error) }, error);
  }
}

function declaredEntryCount(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let end = bytes.length - 22; end >= lowest; end--) {
    if (view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) continue;
    let count = view.getUint16(end + 8, true);
    if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
      const zip64End = Number(view.getBigUint64(end - 12, true));
      if (zip64End + 56 > bytes.length || view.getUint32(zip64End, true) !== ZIP64_END) {
        throw invalidInput('checkpoint zip is corrupt: bad zip64 directory');
      }
      count = Number(view.getBigUint64(zip64End + 32, true));
    }
    return count;
  }
  throw invalidInput('checkpoint zip is corrupt or truncated: no end of central directory');
}
