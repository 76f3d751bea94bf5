import { invalidInput } from '@microseg/errors';
import { StorageClass } from './torch-globals.ts';
import { StorageRef, isCount } from './torch-references.ts';

/**
 * Reads a storage's persistent id, `('storage', torch.FloatStorage, key, location, numel)`,
 * plus a sixth item in legacy files: `None` or `(view_key, offset, view_numel)`.
 * One StorageRef per key, so views that share a storage share its bytes.
 */
export function storageResolver(options: { legacy: boolean }) {
  const storages = new Map<string, StorageRef>();
  const resolve = (pid: unknown): StorageRef => {
    const expectedLength = options.legacy ? 6 : 5;
    if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length !== expectedLength) {
      if (Array.isArray(pid) && pid[0] === 'module') {
        throw invalidInput(
          'checkpoint holds a whole pickled model, not weights: save model.state_dict() instead',
          {
            reason: 'pickled-module',
          },
        );
      }
      throw invalidInput('checkpoint pickle has a persistent id that is no storage reference');
    }
    const [, storageClass, key, , numel, view] = pid as unknown[];
    if (!(storageClass instanceof StorageClass) || typeof key !== 'string' || !isCount(numel)) {
      throw invalidInput('checkpoint storage reference is malformed', { key: String(key) });
    }
    let root = storages.get(key);
    if (!root) {
      root = new StorageRef(key, storageClass.dtype, numel);
      storages.set(key, root);
    } else if (root.dtype !== storageClass.dtype || root.rootNumel !== numel) {
      throw invalidInput('checkpoint refers to one storage with two types or sizes', { key });
    }
    if (view === undefined || view === null) return root;
    if (
      !Array.isArray(view) ||
      view.length !== 3 ||
      !isCount(view[1]) ||
      !isCount(view[2]) ||
      view[1] + view[2] > numel
    ) {
      throw invalidInput('checkpoint storage view is malformed', { key });
    }
    return new StorageRef(key, root.dtype, numel, view[1], view[2]);
  };
  return { resolve, storages };
}
