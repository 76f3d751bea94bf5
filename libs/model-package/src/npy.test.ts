import { describe, expect, it } from 'vitest';
import { MicroSegError } from '@microseg/errors';
import { readNpy, writeNpy } from './npy.ts';

/** `np.save(f, np.array([[1.5, -2], [0, 3]], dtype='<f4'))`, byte for byte. */
const NUMPY_2X2 = Uint8Array.from([
  0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00,
  ...new TextEncoder().encode(`{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }`.padEnd(0x76 - 1, ' ')),
  0x0a,
  0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x40,
]);

describe('npy', () => {
  it('writes what NumPy writes', () => {
    expect(writeNpy(Float32Array.from([1.5, -2, 0, 3]), [2, 2])).toEqual(NUMPY_2X2);
  });

  it('reads back shape and values, data aligned to 64 bytes', () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => i / 7 - 1);
    const bytes = writeNpy(data, [1, 2, 3, 4]);
    expect((bytes.length - 24 * 4) % 64).toBe(0);
    expect(readNpy(bytes)).toEqual({ dtype: '<f4', shape: [1, 2, 3, 4], data });
    expect(readNpy(writeNpy(Float32Array.from([7]), [1])).shape).toEqual([1]);
  });

  it('reads uint8 tensors as float32 values', () => {
    const header = `{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }`;
    const padded = `${header}${' '.repeat(128 - 10 - header.length - 1)}\n`;
    const bytes = Uint8Array.from([...NUMPY_2X2.subarray(0, 8), padded.length, 0, ...new TextEncoder().encode(padded), 0, 128, 255]);
    expect(readNpy(bytes)).toEqual({ dtype: '|u1', shape: [3], data: Float32Array.from([0, 128, 255]) });
  });

  it('refuses what it cannot read with a typed error', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        readNpy(bytes, 'test.npy');
      } catch (error) {
        expect(error).toBeInstanceOf(MicroSegError);
        return (error as MicroSegError).details['reason'];
      }
      throw new Error('accepted');
    };
    expect(refusal(new TextEncoder().encode('not numpy at all'))).toBe('npy-invalid');
    expect(refusal(NUMPY_2X2.subarray(0, NUMPY_2X2.length - 1))).toBe('npy-invalid');
    const bigEndian = NUMPY_2X2.slice();
    bigEndian.set(new TextEncoder().encode('>f4'), 21);
    expect(refusal(bigEndian)).toBe('npy-invalid');
    expect(() => writeNpy(new Float32Array(3), [2, 2])).toThrow(MicroSegError);
  });
});
