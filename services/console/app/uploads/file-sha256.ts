import { createSHA256 } from 'hash-wasm';

/** Read in slices: a multi-gigabyte micrograph is never held in memory whole. */
const SLICE_BYTES = 8 * 1024 * 1024;

/**
 * Lower-case hex sha256 of a file, as the platform checks it on completion. hash-wasm rather than
 * crypto.subtle: subtle exists only in secure contexts (a console served over plain HTTP in a lab
 * network has none) and hashes a whole buffer at once, not a stream.
 */
export async function fileSha256(file: Blob, onProgress?: (hashedBytes: number) => void): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
    const end = Math.min(offset + SLICE_BYTES, file.size);
    hasher.update(new Uint8Array(await file.slice(offset, end).arrayBuffer()));
    onProgress?.(end);
  }
  return hasher.digest('hex');
}
