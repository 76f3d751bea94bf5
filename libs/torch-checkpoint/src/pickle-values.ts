/**
 * How Python values look once unpickled here: None -> null, bool -> boolean, int -> number
 * (bigint beyond 2^53), float -> number, str -> string, bytes/bytearray -> Uint8Array,
 * list and tuple -> array, dict -> Map, set/frozenset -> Set. Globals are never imported:
 * the environment maps each allowed name to a `PyCallable` that builds a plain value.
 */
export interface PyCallable {
  readonly qualname: string;
  /** REDUCE: `callable(*args)`. */
  call(args: unknown[]): unknown;
  /** NEWOBJ / NEWOBJ_EX: `cls.__new__(cls, *args, **kwargs)`; absent when the name is no class. */
  newObject?(args: unknown[], kwargs: Map<unknown, unknown>): unknown;
}

/** Objects that accept pickle's BUILD (`__setstate__` or `__dict__.update`). */
export interface PyStateful {
  setState(state: unknown): void;
}

export function isPyCallable(value: unknown): value is PyCallable {
  return typeof value === 'object' && value !== null && 'qualname' in value && 'call' in value;
}

export function isPyStateful(value: unknown): value is PyStateful {
  return typeof value === 'object' && value !== null && 'setState' in value;
}

/** The environment an unpickling runs in: which globals exist and what persistent ids mean. */
export interface PickleEnvironment {
  /** Resolves GLOBAL / STACK_GLOBAL; throws a MicroSegError for anything not allowed. */
  findGlobal(module: string, name: string): PyCallable;
  /** Resolves PERSID / BINPERSID (torch: storage references); throws when none are expected. */
  persistentLoad(pid: unknown): unknown;
}
