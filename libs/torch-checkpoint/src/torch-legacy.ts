import { invalidInput } from '@microseg/errors';
import { materialise } from './materialise.ts';
import { normaliseCheckpoint } from './normalise.ts';
import type { PickleEnvironment } from './pickle-values.ts';
import { storageResolver } from './storage-ids.ts';
import { findTorchGlobal } from './torch-globals.ts';
import { storageByteLength } from './torch-references.ts';
import type { Checkpoint } from './types.ts';
import { unpickle } from './unpickler.ts';

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

/** The header pickles hold only plain values. */
const PLAIN: PickleEnvironment = {
  findGlobal: findTorchGlobal,
  persistentLoad: () => {
    throw invalidInput('checkpoint header pickle has a persistent id');
  },
};

/**
 * `torch.save(..., _use_new_zipfile_serialization=False)` and torch < 1.6: five pickles in
 * a row (magic, protocol, system info, the object, storage keys), then each storage as a
 * little-endian int64 element count followed by its little-endian bytes.
 */
export function readTorchLegacy(bytes: Uint8Array): Checkpoint {
  const magic = unpickle(bytes, 0, PLAIN);
  if (magic.value !== LEGACY_MAGIC)
    throw invalidInput('file is no torch checkpoint: bad legacy magic number');
  const protocol = unpickle(bytes, magic.end, PLAIN);
  if (protocol.value !== LEGACY_PROTOCOL) {
    throw invalidInput('checkpoint uses an unknown legacy protocol', {
      protocol: String(protocol.value),
    });
  }
  const sysInfo = unpickle(bytes, protocol.end, PLAIN);
  const storages = storageResolver({ legacy: true });
  const main = unpickle(bytes, sysInfo.end, {
    findGlobal: findTorchGlobal,
    persistentLoad: storages.resolve,
  });
  const keys = unpickle(bytes, main.end, PLAIN);
  if (!Array.isArray(keys.value) || !keys.value.every((key) => typeof key === 'string')) {
    throw invalidInput('checkpoint storage key list is malformed');
  }

  const records = new Map<string, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = keys.end;
  for (const key of keys.value) {
    const storage = storages.storages.get(key);
    if (!storage)
      throw invalidInput('checkpoint lists a storage its pickle never refers to', { key });
    if (pos + 8 > bytes.length)
      throw invalidInput('checkpoint is truncated in its storages', { key });
    const numel = view.getBigInt64(pos, true);
    const byteLength = storageByteLength(storage);
    if (numel !== BigInt(storage.rootNumel) || pos + 8 + byteLength > bytes.length) {
      throw invalidInput('checkpoint storage is truncated or has the wrong size', { key });
    }
    records.set(key, bytes.subarray(pos + 8, pos + 8 + byteLength));
    pos += 8 + byteLength;
  }
  return normaliseCheckpoint(
    main.value,
    (ref) => {
      const data = records.get(ref.storage.key);
      if (!data) throw invalidInput('checkpoint is missing a storage', { key: ref.storage.key });
      return materialise(ref, data, true);
    },
    'torch-legacy',
  );
}
