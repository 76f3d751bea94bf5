import { invalidInput } from '@microseg/errors';

/** The tensors bioimage.io packages carry: NumPy's .npy format, C order, little-endian. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  /** The values as float32 (what the models here take and give). */
  data: Float32Array;
}

const DTYPES = {
  '<f4': { bytes: 4, read: (v: DataView, at: number) => v.getFloat32(at, true) },
  '<f8': { bytes: 8, read: (v: DataView, at: number) => v.getFloat64(at, true) },
  '|u1': { bytes: 1, read: (v: DataView, at: number) => v.getUint8(at) },
  '<u2': { bytes: 2, read: (v: DataView, at: number) => v.getUint16(at, true) },
  '<i4': { bytes: 4, read: (v: DataView, at: number) => v.getInt32(at, true) },
} as const;
export type NpyDtype = keyof typeof DTYPES;

const MAGIC = [0x93, ...new TextEncoder().encode('NUMPY')];

/**
 * A float32 array as .npy version 1.0. Hand-written: the format is a short header and raw bytes, and
 * the npm readers/writers are unmaintained or browser-only; npy.test.ts pins the bytes NumPy writes.
 */
export function writeNpy(data: Float32Array, shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw invalidInput('npy data does not match its shape', { shape, values: data.length });
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  // NumPy pads the header with spaces so the data starts on a 64-byte boundary, newline last.
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header = `${header}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const bytes = new Uint8Array(MAGIC.length + 4 + header.length + count * 4);
  bytes.set(MAGIC, 0);
  bytes[6] = 1;
  bytes[7] = 0;
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), 10);
  const view = new DataView(bytes.buffer, 10 + header.length);
  data.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

/** Reads a C-order little-endian .npy (versions 1 to 3) of float32/64, uint8/16 or int32 values. */
export function readNpy(bytes: Uint8Array, what = 'the .npy file'): NpyArray {
  const refuse = (problem: string, details: Record<string, unknown> = {}) => invalidInput(`${what} is not a readable .npy tensor: ${problem}`, { reason: 'npy-invalid', ...details });
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw refuse('no NumPy magic');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [headerLength, headerStart] = major === 1 ? [view.getUint16(8, true), 10] : major === 2 || major === 3 ? [view.getUint32(8, true), 12] : [-1, 0];
  if (headerLength < 0 || headerStart + headerLength > bytes.length) throw refuse('unknown version or truncated header', { version: major });
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw refuse('header without descr, fortran_order or shape', { header });
  if (!(descr in DTYPES)) throw refuse(`dtype ${descr} is not supported`, { dtype: descr, supported: Object.keys(DTYPES) });
  if (fortran === 'True') throw refuse('Fortran order is not supported');
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw refuse('bad shape', { shape: shapeText });
  const dtype = descr as NpyDtype;
  const { bytes: size, read } = DTYPES[dtype];
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLength;
  if (bytes.length - start !== count * size) throw refuse(`${bytes.length - start} data bytes for ${count} values of ${descr}`, { shape });
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = read(view, start + i * size);
  return { dtype, shape, data };
}
