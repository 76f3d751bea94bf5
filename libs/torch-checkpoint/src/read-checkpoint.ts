import { invalidInput, isMicroSegError } from '@microseg/errors';
import { looksLikeSafetensors, readSafetensors } from './safetensors.ts';
import { readTorchLegacy } from './torch-legacy.ts';
import { readTorchZip } from './torch-zip.ts';
import type { Checkpoint } from './types.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PICKLE_PROTO = 0x80;

/**
 * Reads a PyTorch checkpoint (zip or legacy `torch.save`) or a safetensors file, sniffed by
 * content. The input is untrusted: the pickle never runs code and every malformed file
 * ends in a MicroSegError INVALID_INPUT.
 */
export async function readCheckpoint(bytes: Uint8Array): Promise<Checkpoint> {
  try {
    if (ZIP_MAGIC.every((byte, i) => bytes[i] === byte)) return readTorchZip(bytes);
    if (bytes[0] === PICKLE_PROTO) return readTorchLegacy(bytes);
    if (looksLikeSafetensors(bytes)) return readSafetensors(bytes);
    if (bytes.length > 262 && new TextDecoder().decode(bytes.subarray(257, 262)) === 'ustar') {
      throw invalidInput(
        'checkpoint uses the tar format of torch < 0.4, which is not supported; re-save it with a current torch',
      );
    }
  } catch (error) {
    if (isMicroSegError(error)) throw error;
    // A RangeError from an allocation the file asked for, or any other slip on hostile bytes.
    throw invalidInput('checkpoint could not be read', { reason: String(error) }, error);
  }
  throw invalidInput('file is neither a PyTorch checkpoint nor safetensors', {
    bytes: bytes.length,
  });
}
