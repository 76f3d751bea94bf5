/** The formats MicroSeg accepts for micrographs; JPEG is accepted but marked lossy. */
export const ImageFormat = { png: 'png', tiff: 'tiff', jpeg: 'jpeg' } as const;
export type ImageFormat = (typeof ImageFormat)[keyof typeof ImageFormat];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The format a file claims by its first bytes. Used to name the problem precisely when the
 * decoder refuses a file: "a truncated TIFF" says more than "unsupported image format".
 */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8));
  if (head.length >= 8 && head.equals(PNG_SIGNATURE)) return 'png';
  if (head.length >= 4) {
    const tag = head.subarray(0, 4).toString('latin1');
    if (tag === 'II*\0' || tag === 'MM\0*') return 'tiff';
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return undefined;
}

/** A short printable preview of a file's start, for "this is not an image" messages. */
export function printablePrefix(bytes: Uint8Array, length = 16): string {
  return Array.from(bytes.subarray(0, length), (byte) =>
    byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.',
  ).join('');
}
