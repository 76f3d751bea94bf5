import { invalidInput } from '@microseg/errors';
import { materialise } from './materialise.ts';
import { normaliseCheckpoint } from './normalise.ts';
import { storageResolver } from './storage-ids.ts';
import { findTorchGlobal } from './torch-globals.ts';
import { type TensorRef, storageByteLength } from './torch-references.ts';
import type { Checkpoint } from './types.ts';
import { unpickle } from './unpickler.ts';
import { readZipEntries } from './zip-entries.ts';

/** `torch.save` since 1.6: a zip holding `<name>/data.pkl`, `<name>/data/<key>` storages and `<name>/byteorder`. */
export function readTorchZip(bytes: Uint8Array): Checkpoint {
  const entries = readZipEntries(bytes);
  const pickles = [...entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    throw invalidInput('zip file is no torch checkpoint: expected one <archive>/data.pkl', {
      entries: [...entries.keys()].slice(0, 20),
    });
  }
  const prefix = pickles[0]!.slice(0, -'data.pkl'.length);
  const byteorder = entries.get(`${prefix}byteorder`);
  const order = byteorder ? new TextDecoder().decode(byteorder).trim() : 'little';
  if (order !== 'little' && order !== 'big')
    throw invalidInput('checkpoint byteorder record is invalid', { byteorder: order });

  const storages = storageResolver({ legacy: false });
  const { value } = unpickle(entries.get(pickles[0]!)!, 0, {
    findGlobal: findTorchGlobal,
    persistentLoad: storages.resolve,
  });

  const storageBytes = (ref: TensorRef): Uint8Array => {
    const name = `${prefix}data/${ref.storage.key}`;
    const data = entries.get(name);
    if (!data) throw invalidInput('checkpoint is missing a storage record', { record: name });
    if (data.length < storageByteLength(ref.storage)) {
      throw invalidInput('checkpoint storage record is shorter than its declared size', {
        record: name,
      });
    }
    return data;
  };
  return normaliseCheckpoint(
    value,
    (ref) => materialise(ref, storageBytes(ref), order === 'little'),
    'torch-zip',
  );
}
