import { DTYPES, numelOf } from './dtypes.ts';
import type { TensorRef } from './torch-references.ts';
import type { TensorRecord } from './types.ts';

/**
 * Copies a (possibly strided, offset) view out of its storage bytes into a contiguous,
 * aligned, little-endian array in torch's logical order. `storageBytes` holds the root
 * storage and has been checked to be long enough; `tensorRef` checked the view's bounds.
 */
export function materialise(
  ref: TensorRef,
  storageBytes: Uint8Array,
  littleEndian: boolean,
): TensorRecord {
  const { dtype } = ref.storage;
  const info = DTYPES[dtype];
  const size = info.bytes;
  const numel = numelOf(ref.shape);
  const out = new Uint8Array(numel * size);
  const start = ref.storage.elementOffset + ref.offset;

  if (isContiguous(ref.shape, ref.strides)) {
    out.set(storageBytes.subarray(start * size, (start + numel) * size));
  } else if (numel > 0) {
    gatherStrided(ref, storageBytes, out, start, size);
  }
  if (!littleEndian && size > 1) swapBytes(out, size);
  return { dtype, shape: [...ref.shape], data: info.view(out.buffer, 0, numel) };
}

function isContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d]! !== 1 && strides[d]! !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/** Walks the view's indices like an odometer, innermost dimension fastest. */
function gatherStrided(
  ref: TensorRef,
  source: Uint8Array,
  out: Uint8Array,
  start: number,
  size: number,
): void {
  const { shape, strides } = ref;
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  let element = start;
  const numel = out.length / size;
  for (let i = 0; i < numel; i++) {
    out.set(source.subarray(element * size, element * size + size), i * size);
    for (let d = rank - 1; d >= 0; d--) {
      index[d]!++;
      element += strides[d]!;
      if (index[d]! < shape[d]!) break;
      element -= strides[d]! * shape[d]!;
      index[d] = 0;
    }
  }
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}
