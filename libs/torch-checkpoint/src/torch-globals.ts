import { invalidInput } from '@microseg/errors';
import { STORAGE_CLASS_DTYPES } from './dtypes.ts';
import { NUMPY_SCALAR_GLOBALS } from './numpy-scalars.ts';
import type { PyCallable, PyStateful } from './pickle-values.ts';
import { TensorRef, tensorRef } from './torch-references.ts';
import type { TorchDtype } from './types.ts';

/** A `torch.*Storage` class: only ever a token inside a storage's persistent id. */
export class StorageClass implements PyCallable {
  constructor(
    readonly qualname: string,
    readonly dtype: TorchDtype,
  ) {}
  call(): never {
    throw invalidInput(`checkpoint pickle calls ${this.qualname}, which torch.save never does`);
  }
}

/** `argparse.Namespace` (training scripts save their arguments): kept as a plain string-keyed dict. */
export class Namespace implements PyStateful {
  readonly fields = new Map<unknown, unknown>();
  setState(state: unknown): void {
    if (!(state instanceof Map)) throw invalidInput('checkpoint Namespace state is not a dict');
    for (const [key, value] of state) this.fields.set(key, value);
  }
}

const fn = (
  qualname: string,
  call: (args: unknown[]) => unknown,
  newObject?: PyCallable['newObject'],
): PyCallable => (newObject ? { qualname, call, newObject } : { qualname, call });

/** A class that pickles only refer to (tensor subclasses in `_rebuild_from_type_v2`). */
const typeToken = (qualname: string): PyCallable =>
  fn(qualname, () => {
    throw invalidInput(`checkpoint pickle calls ${qualname}, which torch.save never does`);
  });

function asTensor(value: unknown, what: string): TensorRef {
  if (!(value instanceof TensorRef))
    throw invalidInput(`checkpoint ${what} does not hold a tensor`);
  return value;
}

function dictFromPairs(pairs: unknown): Map<unknown, unknown> {
  const dict = new Map<unknown, unknown>();
  if (pairs === undefined) return dict;
  if (pairs instanceof Map) return new Map(pairs);
  if (!Array.isArray(pairs))
    throw invalidInput('checkpoint dict is built from something that is not a list of pairs');
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2)
      throw invalidInput('checkpoint dict item is not a pair');
    dict.set(pair[0], pair[1]);
  }
  return dict;
}

const TENSOR_TYPES = new Set([
  'torch._tensor.Tensor',
  'torch.Tensor',
  'torch.nn.parameter.Parameter',
]);

const ALLOWED: ReadonlyMap<string, PyCallable> = new Map(
  [
    fn('torch._utils._rebuild_tensor_v2', ([storage, offset, size, stride]) =>
      tensorRef(storage, offset, size, stride),
    ),
    fn('torch._utils._rebuild_tensor', ([storage, offset, size, stride]) =>
      tensorRef(storage, offset, size, stride),
    ),
    fn('torch._utils._rebuild_parameter', ([data]) => asTensor(data, 'parameter')),
    fn('torch._utils._rebuild_parameter_with_state', ([data]) => asTensor(data, 'parameter')),
    fn('torch._tensor._rebuild_from_type_v2', ([func, type, args]) => {
      if (
        typeof type !== 'object' ||
        type === null ||
        !TENSOR_TYPES.has((type as PyCallable).qualname)
      ) {
        throw invalidInput('checkpoint holds a tensor subclass that is not allowed');
      }
      if (func !== ALLOWED.get('torch._utils._rebuild_tensor_v2') || !Array.isArray(args)) {
        throw invalidInput('checkpoint rebuilds a tensor through a function that is not allowed');
      }
      return (func as PyCallable).call(args);
    }),
    ...[...TENSOR_TYPES].map(typeToken),
    fn('torch.Size', ([dims]) => {
      if (!Array.isArray(dims))
        throw invalidInput('checkpoint torch.Size is not built from a tuple');
      return (dims as unknown[]).slice();
    }),
    fn('torch.device', (args) => args.map(String).join(':')),
    fn(
      'collections.OrderedDict',
      ([pairs]) => dictFromPairs(pairs),
      () => new Map(),
    ),
    fn(
      'argparse.Namespace',
      () => {
        throw invalidInput('checkpoint pickle calls argparse.Namespace in a way pickle never does');
      },
      () => new Namespace(),
    ),
    fn('_codecs.encode', ([text, encoding]) => {
      // Protocol 2 pickles Python 3 bytes as _codecs.encode(str, 'latin1').
      if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1')) {
        throw invalidInput('checkpoint pickle calls _codecs.encode with unexpected arguments');
      }
      return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
    }),
    ...['builtins', '__builtin__'].flatMap((module) => [
      fn(`${module}.set`, ([items]) => new Set(Array.isArray(items) ? items : [])),
      fn(`${module}.frozenset`, ([items]) => new Set(Array.isArray(items) ? items : [])),
      fn(`${module}.list`, ([items]) => (Array.isArray(items) ? (items as unknown[]).slice() : [])),
      fn(`${module}.tuple`, ([items]) =>
        Array.isArray(items) ? (items as unknown[]).slice() : [],
      ),
      fn(`${module}.dict`, ([pairs]) => dictFromPairs(pairs)),
      fn(`${module}.bytearray`, ([data]) =>
        data instanceof Uint8Array ? data.slice() : new Uint8Array(),
      ),
    ]),
    ...NUMPY_SCALAR_GLOBALS,
    ...Object.entries(STORAGE_CLASS_DTYPES).map(
      ([name, dtype]) => new StorageClass(`torch.${name}`, dtype),
    ),
  ].map((callable) => [callable.qualname, callable]),
);

/** Where whole pickled models come from: the user saved `model`, not `model.state_dict()`. */
const MODEL_MODULES =
  /^(__main__|torch\.nn|segmentation_models_pytorch|pretrained_microscopy_models|torchvision\.models|timm|efficientnet_pytorch|pretrainedmodels)(\.|$)/;

/** The allow-list of globals a torch checkpoint may name; anything else is refused before it is used. */
export function findTorchGlobal(module: string, name: string): PyCallable {
  const qualname = `${module}.${name}`;
  const allowed = ALLOWED.get(qualname);
  if (allowed) return allowed;
  if (MODEL_MODULES.test(module)) {
    throw invalidInput(
      `checkpoint holds a whole pickled model (${qualname}), not weights: load it in Python and save model.state_dict() instead`,
      { global: qualname, reason: 'pickled-module' },
    );
  }
  throw invalidInput(
    `checkpoint pickle refers to ${qualname}, which no weight file needs; refusing it (a pickle can run code)`,
    {
      global: qualname,
      reason: 'global-not-allowed',
    },
  );
}
