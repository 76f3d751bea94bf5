import { invalidInput } from '@microseg/errors';

/**
 * A single-channel index mask: one class index per pixel, row-major.
 * 8-bit masks arrive as Uint8Array, 16-bit ones as Uint16Array; both are read the same way.
 */
export interface IndexMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint16Array;
}

/** Builds a mask from raw values, checking that the buffer matches the size. */
export function createIndexMask(
  width: number,
  height: number,
  data: Uint8Array | Uint16Array,
): IndexMask {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw invalidInput(`a mask needs a positive integer size, got ${width}x${height}`, {
      width,
      height,
    });
  }
  if (data.length !== width * height) {
    throw invalidInput(`mask data holds ${data.length} values, expected ${width * height}`, {
      width,
      height,
      length: data.length,
    });
  }
  return { width, height, data };
}

/** The class values present in a mask, ascending. */
export function classValuesOf(mask: IndexMask): number[] {
  const seen = new Uint8Array(65536);
  const { data } = mask;
  for (let i = 0; i < data.length; i++) seen[data[i]!] = 1;
  const values: number[] = [];
  for (let v = 0; v < seen.length; v++) if (seen[v]) values.push(v);
  return values;
}

/**
 * Refuses a mask holding class values outside `allowed` (e.g. a dataset's measurement profile),
 * naming the offending values so the user can fix the mask or the profile.
 */
export function assertClassValues(mask: IndexMask, allowed: readonly number[]): void {
  const allowedSet = new Set(allowed);
  const unexpected = classValuesOf(mask).filter((value) => !allowedSet.has(value));
  if (unexpected.length > 0) {
    throw invalidInput(
      `mask holds class values ${unexpected.join(', ')} that are not in the expected set ${allowed.join(', ')}`,
      { unexpected, allowed: [...allowed] },
    );
  }
}

/** The 0/1 indicator of the pixels whose class is one of `classes`. */
export function classIndicator(mask: IndexMask, classes: readonly number[]): Uint8Array {
  const lookup = new Uint8Array(65536);
  for (const value of classes) lookup[value] = 1;
  const { data } = mask;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = lookup[data[i]!]!;
  return out;
}
