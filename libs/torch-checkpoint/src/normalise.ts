import { invalidInput } from '@microseg/errors';
import { Namespace } from './torch-globals.ts';
import { TensorRef } from './torch-references.ts';
import type { Checkpoint, StateDict, TensorRecord } from './types.ts';

/** Where training scripts put the weights when they save a dict of more than weights. */
const STATE_DICT_KEYS = ['state_dict', 'model_state_dict', 'model', 'net'] as const;
const DATA_PARALLEL_PREFIX = 'module.';
/** Metadata deeper or larger than this is no plain training record; it is left out (pickles can share and nest without end). */
const MAX_METADATA_DEPTH = 32;
const MAX_METADATA_NODES = 100_000;

type Resolve = (ref: TensorRef) => TensorRecord;

function isTensorDict(value: unknown): value is Map<string, TensorRef> {
  if (!(value instanceof Map) || value.size === 0) return false;
  for (const [key, entry] of value)
    if (typeof key !== 'string' || !(entry instanceof TensorRef)) return false;
  return true;
}

/**
 * Finds the state dict in an unpickled checkpoint (the root itself, or under a well-known
 * key, or the only dict of tensors), strips a DataParallel prefix, reads its tensors, and
 * keeps the other top-level plain values as metadata.
 */
export function normaliseCheckpoint(
  root: unknown,
  resolve: Resolve,
  format: Checkpoint['format'],
): Checkpoint {
  if (isTensorDict(root)) return { format, stateDict: readTensors(root, resolve), metadata: {} };
  if (!(root instanceof Map)) {
    throw invalidInput('checkpoint holds neither a state dict nor a dict containing one', {
      found: describe(root),
    });
  }
  const dict = root as Map<unknown, unknown>;
  const known = STATE_DICT_KEYS.find((key) => isTensorDict(dict.get(key)));
  const candidates = [...dict].filter(([, value]) => isTensorDict(value));
  const key = known ?? (candidates.length === 1 ? candidates[0]![0] : undefined);
  if (key === undefined) {
    throw invalidInput('checkpoint dict holds no state dict of tensors', {
      keys: [...dict.keys()].map(String),
      expectedOneOf: STATE_DICT_KEYS,
    });
  }
  const metadata: Record<string, unknown> = {};
  const budget = { nodes: MAX_METADATA_NODES };
  for (const [name, value] of dict) {
    if (name === key || typeof name !== 'string') continue;
    const plain = toPlain(value, 0, budget);
    if (plain !== undefined) metadata[name] = plain;
  }
  return {
    format,
    stateDict: readTensors(dict.get(key) as Map<string, TensorRef>, resolve),
    metadata,
  };
}

function readTensors(dict: Map<string, TensorRef>, resolve: Resolve): StateDict {
  const names = [...dict.keys()];
  const strip = names.every((name) => name.startsWith(DATA_PARALLEL_PREFIX));
  const stateDict: StateDict = new Map();
  for (const [name, ref] of dict)
    stateDict.set(strip ? name.slice(DATA_PARALLEL_PREFIX.length) : name, resolve(ref));
  return stateDict;
}

/** Renames tensors saved through DataParallel; used for safetensors, whose reader builds records directly. */
export function stripDataParallelPrefix(stateDict: StateDict): StateDict {
  const names = [...stateDict.keys()];
  if (names.length === 0 || !names.every((name) => name.startsWith(DATA_PARALLEL_PREFIX)))
    return stateDict;
  return new Map(
    [...stateDict].map(([name, record]) => [name.slice(DATA_PARALLEL_PREFIX.length), record]),
  );
}

/**
 * JSON-like copy of a metadata value; undefined for anything holding tensors or objects
 * (optimizer state, schedulers), which an import has no use for.
 */
function toPlain(value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (depth > MAX_METADATA_DEPTH || --budget.nodes < 0) return undefined;
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) {
    const items = value.map((item) => toPlain(item, depth + 1, budget));
    return items.includes(undefined) ? undefined : items;
  }
  const entries =
    value instanceof Namespace ? value.fields : value instanceof Map ? value : undefined;
  if (!entries) return undefined;
  const record: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const plain = toPlain(item, depth + 1, budget);
    if (plain === undefined || (typeof key !== 'string' && typeof key !== 'number'))
      return undefined;
    record[String(key)] = plain;
  }
  return record;
}

function describe(value: unknown): string {
  if (value instanceof TensorRef) return 'a single tensor';
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'None' : typeof value;
}
