/**
 * A distinct PNG per upload: the same pixels with a `tEXt` chunk carrying `tag` before IEND, so the
 * bytes (and sha256) differ and the dataset's deduplication does not turn the upload into a lookup.
 * Plain TypeScript on Uint8Array: k6 and Node both load it.
 */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function pngVariant(png: Uint8Array, tag: string): Uint8Array {
  const text = Array.from(`Comment\0${tag}`, (ch) => ch.charCodeAt(0) & 0xff);
  const typeAndData = new Uint8Array([0x74, 0x45, 0x58, 0x74, ...text]);
  const chunk = new Uint8Array(12 + text.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, text.length);
  chunk.set(typeAndData, 4);
  view.setUint32(8 + text.length, crc32(typeAndData));
  // IEND is the last 12 bytes of a PNG.
  const iend = png.length - 12;
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend), 0);
  out.set(chunk, iend);
  out.set(png.subarray(iend), iend + chunk.length);
  return out;
}
