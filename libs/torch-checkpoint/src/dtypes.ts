import type { TensorRecord, TorchDtype } from './types.ts';

type TypedArrayOf = TensorRecord['data'];

interface DtypeInfo {
  bytes: number;
  create: (length: number) => TypedArrayOf;
  /** Builds an array over `buffer`; `byteOffset` must be a multiple of `bytes`. */
  view: (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedArrayOf;
}

export const DTYPES: Readonly<Record<TorchDtype, DtypeInfo>> = {
  float32: {
    bytes: 4,
    create: (n) => new Float32Array(n),
    view: (b, o, n) => new Float32Array(b, o, n),
  },
  float64: {
    bytes: 8,
    create: (n) => new Float64Array(n),
    view: (b, o, n) => new Float64Array(b, o, n),
  },
  float16: {
    bytes: 2,
    create: (n) => new Uint16Array(n),
    view: (b, o, n) => new Uint16Array(b, o, n),
  },
  bfloat16: {
    bytes: 2,
    create: (n) => new Uint16Array(n),
    view: (b, o, n) => new Uint16Array(b, o, n),
  },
  int64: {
    bytes: 8,
    create: (n) => new BigInt64Array(n),
    view: (b, o, n) => new BigInt64Array(b, o, n),
  },
  int32: { bytes: 4, create: (n) => new Int32Array(n), view: (b, o, n) => new Int32Array(b, o, n) },
  int16: { bytes: 2, create: (n) => new Int16Array(n), view: (b, o, n) => new Int16Array(b, o, n) },
  int8: { bytes: 1, create: (n) => new Int8Array(n), view: (b, o, n) => new Int8Array(b, o, n) },
  uint8: { bytes: 1, create: (n) => new Uint8Array(n), view: (b, o, n) => new Uint8Array(b, o, n) },
  bool: { bytes: 1, create: (n) => new Uint8Array(n), view: (b, o, n) => new Uint8Array(b, o, n) },
};

/** torch's legacy typed storage classes (still what `torch.save` pickles) to their element type. */
export const STORAGE_CLASS_DTYPES: Readonly<Record<string, TorchDtype>> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

/** torch dtype objects (`torch.float32`...) as they may appear pickled in metadata. */
export const TORCH_DTYPE_NAMES: Readonly<Record<string, TorchDtype>> = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  float16: 'float16',
  half: 'float16',
  bfloat16: 'bfloat16',
  int64: 'int64',
  long: 'int64',
  int32: 'int32',
  int: 'int32',
  int16: 'int16',
  short: 'int16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
};

export function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
