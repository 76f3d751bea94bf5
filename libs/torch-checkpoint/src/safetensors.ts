import { invalidInput } from '@microseg/errors';
import { DTYPES, numelOf } from './dtypes.ts';
import { stripDataParallelPrefix } from './normalise.ts';
import type { Checkpoint, StateDict, TensorRecord, TorchDtype } from './types.ts';

const SAFETENSORS_DTYPES: Readonly<Record<string, TorchDtype>> = {
  F32: 'float32',
  F64: 'float64',
  F16: 'float16',
  BF16: 'bfloat16',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U8: 'uint8',
  BOOL: 'bool',
};
const DTYPE_CODES = Object.fromEntries(
  Object.entries(SAFETENSORS_DTYPES).map(([code, dtype]) => [dtype, code]),
) as Record<TorchDtype, string>;
/** The format's own limit on the JSON header, which keeps a hostile length from being trusted. */
const MAX_HEADER_BYTES = 100_000_000;

/** Safetensors begins with a little-endian u64 header length and a JSON object. */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  return length <= BigInt(bytes.length - 8) && bytes[8] === 0x7b;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function readSafetensors(bytes: Uint8Array): Checkpoint {
  const headerLength = Number(
    new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true),
  );
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length)
    throw invalidInput('safetensors header is truncated');
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch (error) {
    throw invalidInput('safetensors header is not valid JSON', {}, error);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw invalidInput('safetensors header is not an object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, unknown> = {};
  const stateDict: StateDict = new Map();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (typeof entry !== 'object' || entry === null)
        throw invalidInput('safetensors __metadata__ is not an object');
      Object.assign(metadata, entry);
      continue;
    }
    stateDict.set(name, readTensor(name, entry, bytes.subarray(dataStart), dataLength));
  }
  return { format: 'safetensors', stateDict: stripDataParallelPrefix(stateDict), metadata };
}

function readTensor(
  name: string,
  entry: unknown,
  data: Uint8Array,
  dataLength: number,
): TensorRecord {
  const { dtype: code, shape, data_offsets: offsets } = (entry ?? {}) as Partial<HeaderEntry>;
  const dtype = SAFETENSORS_DTYPES[String(code)];
  if (!dtype)
    throw invalidInput('safetensors tensor has an unsupported dtype', {
      tensor: name,
      dtype: String(code),
    });
  const counts = (value: unknown, length?: number): value is number[] =>
    Array.isArray(value) &&
    (length === undefined || value.length === length) &&
    value.every((n) => Number.isSafeInteger(n) && n >= 0);
  if (!counts(shape) || !counts(offsets, 2))
    throw invalidInput('safetensors tensor entry is malformed', { tensor: name });
  const [begin, end] = offsets;
  const info = DTYPES[dtype];
  if (begin > end || end > dataLength || end - begin !== numelOf(shape) * info.bytes) {
    throw invalidInput('safetensors tensor offsets do not match its shape or the file', {
      tensor: name,
      shape,
      offsets,
    });
  }
  const copy = data.slice(begin, end);
  return { dtype, shape: [...shape], data: info.view(copy.buffer, 0, numelOf(shape)) };
}

/** Writes tensors in the safetensors layout (names in map order, data 8-byte aligned by header padding). */
export function writeSafetensors(dict: StateDict, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, record] of dict) {
    const length = record.data.byteLength;
    if (length !== numelOf(record.shape) * DTYPES[record.dtype].bytes) {
      throw invalidInput('tensor data does not match its shape and dtype', {
        tensor: name,
        shape: record.shape,
      });
    }
    header[name] = {
      dtype: DTYPE_CODES[record.dtype],
      shape: record.shape,
      data_offsets: [offset, offset + length],
    };
    offset += length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded);
  let position = 8 + padded;
  for (const record of dict.values()) {
    out.set(
      new Uint8Array(record.data.buffer, record.data.byteOffset, record.data.byteLength),
      position,
    );
    position += record.data.byteLength;
  }
  return out;
}
