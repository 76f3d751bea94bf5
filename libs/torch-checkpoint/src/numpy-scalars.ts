import { invalidInput } from '@microseg/errors';
import type { PyCallable, PyStateful } from './pickle-values.ts';

/**
 * Training scripts often store numpy scalars (`np.mean(losses)`) beside the weights. They
 * pickle as `numpy.core.multiarray.scalar(numpy.dtype('f8'), raw_bytes)`; decoding those two
 * names for plain numeric dtypes lets such checkpoints load without trusting numpy's globals.
 */
class NumpyDtype implements PyStateful {
  littleEndian = true;
  constructor(readonly code: string) {}
  setState(state: unknown): void {
    const order: unknown = Array.isArray(state) ? (state as unknown[])[1] : undefined;
    if (order !== '<' && order !== '>' && order !== '|' && order !== '=')
      throw invalidInput('checkpoint numpy dtype state is malformed');
    this.littleEndian = order !== '>';
  }
}

const READERS: Readonly<
  Record<string, (view: DataView, littleEndian: boolean) => number | bigint | boolean>
> = {
  f4: (v, le) => v.getFloat32(0, le),
  f8: (v, le) => v.getFloat64(0, le),
  i1: (v) => v.getInt8(0),
  u1: (v) => v.getUint8(0),
  i2: (v, le) => v.getInt16(0, le),
  u2: (v, le) => v.getUint16(0, le),
  i4: (v, le) => v.getInt32(0, le),
  u4: (v, le) => v.getUint32(0, le),
  i8: (v, le) => v.getBigInt64(0, le),
  u8: (v, le) => v.getBigUint64(0, le),
  b1: (v) => v.getUint8(0) !== 0,
};
const WIDTHS: Readonly<Record<string, number>> = {
  f4: 4,
  f8: 8,
  i1: 1,
  u1: 1,
  i2: 2,
  u2: 2,
  i4: 4,
  u4: 4,
  i8: 8,
  u8: 8,
  b1: 1,
};

const dtype: PyCallable = {
  qualname: 'numpy.dtype',
  call: ([code]) => {
    if (typeof code !== 'string' || !(code in READERS)) {
      throw invalidInput('checkpoint holds a numpy dtype that is no plain number', {
        dtype: String(code),
      });
    }
    return new NumpyDtype(code);
  },
};

const scalar = (qualname: string): PyCallable => ({
  qualname,
  call: ([type, data]) => {
    if (
      !(type instanceof NumpyDtype) ||
      !(data instanceof Uint8Array) ||
      data.length !== WIDTHS[type.code]
    ) {
      throw invalidInput('checkpoint numpy scalar is malformed');
    }
    const value = READERS[type.code]!(
      new DataView(data.buffer, data.byteOffset, data.length),
      type.littleEndian,
    );
    return typeof value === 'bigint' && Number.isSafeInteger(Number(value)) ? Number(value) : value;
  },
});

export const NUMPY_SCALAR_GLOBALS: readonly PyCallable[] = [
  dtype,
  scalar('numpy.core.multiarray.scalar'),
  scalar('numpy._core.multiarray.scalar'),
];
