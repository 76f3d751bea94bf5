import { invalidInput } from '@microseg/errors';
import { type Zippable, unzipSync, zipSync } from 'fflate';
import { PackageErrorReason } from './errors.ts';

/** Far above any package we make (UNet-ResNet50 ONNX is ~130 MB); refuses zips that would fill memory. */
const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
/** A fixed entry time: the same files give the same zip bytes, so packages are cached by content. */
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');

export function writeZip(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) {
    // Weights and tensors barely compress: stored, they unpack with no work.
    entries[name] = [files[name]!, { level: /\.(onnx|npy|png)$/.test(name) ? 0 : 6, mtime: ENTRY_TIME }];
  }
  return zipSync(entries);
}

/**
 * The package's top-level files. Folders, and names that could climb out of the package, are left
 * out (a package lists only top-level files); the declared sizes are bounded before inflating.
 */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  let declared = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (!PLAIN_NAME.test(file.name)) return false;
        declared += file.originalSize;
        if (declared > MAX_UNPACKED_BYTES) throw new Error(`more than ${MAX_UNPACKED_BYTES} bytes unpacked`);
        return true;
      },
    });
  } catch (cause) {
    throw invalidInput('the package is not a readable zip file', { reason: PackageErrorReason.NOT_A_ZIP, problem: String(cause) }, cause);
  }
  return new Map(Object.entries(entries));
}
