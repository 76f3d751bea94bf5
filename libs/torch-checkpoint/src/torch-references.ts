import { invalidInput } from '@microseg/errors';
import { DTYPES, numelOf } from './dtypes.ts';
import type { TorchDtype } from './types.ts';

/** A storage a pickle points at; its bytes live outside the pickle (zip record or legacy trailer). */
export class StorageRef {
  constructor(
    readonly key: string,
    readonly dtype: TorchDtype,
    /** Elements in the root storage, as the pickle declares them. */
    readonly rootNumel: number,
    /** Legacy storage views start inside their root storage; zip storages start at 0. */
    readonly elementOffset = 0,
    /** Elements visible through this reference (a legacy view may see less than its root). */
    readonly numel = rootNumel,
  ) {}
}

/** A tensor as `_rebuild_tensor_v2` describes it: a strided view into a storage, read lazily. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly shape: number[],
    readonly strides: number[],
  ) {}
}

/** Above this, a single tensor would not fit any model we import; refusing avoids allocation bombs. */
const MAX_TENSOR_ELEMENTS = 2 ** 28;

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function countList(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every(isCount)) {
    throw invalidInput(`checkpoint tensor has an invalid ${what}`, { [what]: String(value) });
  }
  return value;
}

/** Validates a tensor view against its storage so that materialising it can never read out of bounds. */
export function tensorRef(
  storage: unknown,
  offset: unknown,
  size: unknown,
  stride: unknown,
): TensorRef {
  if (!(storage instanceof StorageRef))
    throw invalidInput('checkpoint tensor does not point at a storage');
  if (!isCount(offset))
    throw invalidInput('checkpoint tensor has an invalid storage offset', {
      offset: String(offset),
    });
  const shape = countList(size, 'shape');
  const strides = countList(stride, 'strides');
  if (shape.length !== strides.length) {
    throw invalidInput('checkpoint tensor has as many strides as dimensions', { shape, strides });
  }
  const numel = numelOf(shape);
  if (numel > MAX_TENSOR_ELEMENTS) throw invalidInput('checkpoint tensor is too large', { shape });
  if (numel > 0) {
    const lastIndex = offset + shape.reduce((sum, n, i) => sum + (n - 1) * strides[i]!, 0);
    if (lastIndex >= storage.numel) {
      throw invalidInput('checkpoint tensor reaches past the end of its storage', {
        storage: storage.key,
        storageElements: storage.numel,
        offset,
        shape,
        strides,
      });
    }
  }
  return new TensorRef(storage, offset, shape, strides);
}

export function storageByteLength(storage: StorageRef): number {
  return storage.rootNumel * DTYPES[storage.dtype].bytes;
}
