import { invalidInput } from '@microseg/errors';
import {
  type PickleEnvironment,
  type PyCallable,
  isPyCallable,
  isPyStateful,
} from './pickle-values.ts';

/**
 * A restricted pickle virtual machine (protocols 0-5). Hand-written because no npm package
 * unpickles without executing or trusting globals: this one only ever calls the
 * `PyCallable`s its environment hands out, so a checkpoint cannot run code. Every opcode
 * consumes at least one byte, so a malformed pickle ends in an error, never a hang.
 */
export interface UnpickleResult {
  value: unknown;
  /** Offset just past the STOP opcode (legacy checkpoints hold several pickles in a row). */
  end: number;
}

/** Python ints wider than this are no tensor metadata; refusing them keeps BigInt parsing cheap. */
const MAX_LONG_BYTES = 64;

const textDecoder = new TextDecoder('utf-8');
const latin1Decoder = new TextDecoder('latin1');

export function unpickle(bytes: Uint8Array, start: number, env: PickleEnvironment): UnpickleResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();

  const fail = (reason: string, extra: Record<string, unknown> = {}): never => {
    throw invalidInput(`checkpoint pickle is malformed: ${reason}`, { offset: pos, ...extra });
  };
  const need = (n: number): number => {
    if (n < 0 || pos + n > bytes.length) fail('truncated');
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = () => bytes[need(1)]!;
  const u16 = () => view.getUint16(need(2), true);
  const u32 = () => view.getUint32(need(4), true);
  const u64 = (): number => {
    const value = view.getBigUint64(need(8), true);
    if (value > BigInt(bytes.length)) fail('length beyond the end of the data');
    return Number(value);
  };
  const raw = (n: number) => {
    const at = need(n);
    return bytes.subarray(at, at + n);
  };
  const line = (): string => {
    const endOfLine = bytes.indexOf(0x0a, pos);
    if (endOfLine < 0) fail('truncated text argument');
    const text = latin1Decoder.decode(bytes.subarray(pos, endOfLine));
    pos = endOfLine + 1;
    return text;
  };
  // Arguments are evaluated before `stack` is read here: popMark() replaces `stack`.
  const push = (value: unknown): void => {
    stack.push(value);
  };
  const pop = (): unknown => {
    if (stack.length === 0) fail('stack underflow');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) fail('stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const previous = metastack.pop();
    if (previous === undefined) fail('no MARK on the stack');
    stack = previous!;
    return items;
  };
  const asDict = (value: unknown): Map<unknown, unknown> => {
    if (!(value instanceof Map)) fail('SETITEM on a non-dict');
    return value as Map<unknown, unknown>;
  };
  const asList = (value: unknown): unknown[] => {
    if (!Array.isArray(value)) fail('APPEND on a non-list');
    return value as unknown[];
  };
  const memoGet = (key: number) => {
    if (!memo.has(key)) fail('memo key not found', { memoKey: key });
    return memo.get(key);
  };
  const intFromText = (text: string): number | bigint | boolean => {
    if (text === '00') return false;
    if (text === '01') return true;
    const digits = text.endsWith('L') ? text.slice(0, -1) : text;
    if (!/^[+-]?\d{1,40}$/.test(digits)) fail('bad integer literal');
    const value = BigInt(digits);
    return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  };
  const longFromBytes = (data: Uint8Array): number | bigint => {
    if (data.length > MAX_LONG_BYTES) fail('integer too large');
    let value = 0n;
    for (let i = data.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(data[i]!);
    if (data.length > 0 && data[data.length - 1]! & 0x80) value -= 1n << BigInt(8 * data.length);
    return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  };
  const stringArg = (): string => {
    const quoted = line();
    if (quoted.length < 2 || quoted[0] !== quoted[quoted.length - 1] || !`'"`.includes(quoted[0]!))
      fail('bad string literal');
    return quoted.slice(1, -1);
  };
  const callGlobal = (module: unknown, name: unknown) => {
    if (typeof module !== 'string' || typeof name !== 'string')
      fail('STACK_GLOBAL needs two strings');
    return env.findGlobal(module as string, name as string);
  };
  const callable = (value: unknown) => {
    if (!isPyCallable(value)) fail('call of a non-callable value');
    return value as PyCallable;
  };
  const newObject = (cls: unknown, args: unknown, kwargs: Map<unknown, unknown>) => {
    const target = callable(cls);
    if (!Array.isArray(args)) fail('NEWOBJ arguments are not a tuple');
    if (!target.newObject) fail(`${target.qualname} is not a class`);
    return target.newObject!(args as unknown[], kwargs);
  };

  for (;;) {
    const opcode = u8();
    switch (opcode) {
      case 0x80: // PROTO
        if (u8() > 5) fail('unsupported pickle protocol');
        break;
      case 0x95: // FRAME: framing is only a hint for buffered readers
        u64();
        break;
      case 0x2e: // STOP
        return { value: pop(), end: pos };
      case 0x28: // MARK
        metastack.push(stack);
        stack = [];
        break;
      case 0x30: // POP
        if (stack.length > 0) stack.pop();
        else popMark();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        push(top());
        break;
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x49: // INT
        push(intFromText(line()));
        break;
      case 0x4c: // LONG
        push(intFromText(line()));
        break;
      case 0x4a: // BININT
        push(view.getInt32(need(4), true));
        break;
      case 0x4b: // BININT1
        push(u8());
        break;
      case 0x4d: // BININT2
        push(u16());
        break;
      case 0x8a: // LONG1
        push(longFromBytes(raw(u8())));
        break;
      case 0x8b: // LONG4
        push(longFromBytes(raw(u32())));
        break;
      case 0x46: {
        // FLOAT
        const text = line().trim();
        const value = Number(text);
        if (text === '' || (Number.isNaN(value) && !/^[+-]?nan$/i.test(text)))
          fail('bad float literal');
        push(value);
        break;
      }
      case 0x47: // BINFLOAT
        push(view.getFloat64(need(8), false));
        break;
      case 0x53: // STRING
        push(stringArg());
        break;
      case 0x54: // BINSTRING
        push(latin1Decoder.decode(raw(view.getInt32(need(4), true))));
        break;
      case 0x55: // SHORT_BINSTRING
        push(latin1Decoder.decode(raw(u8())));
        break;
      case 0x56: // UNICODE (raw-unicode-escape; checkpoints only use it for ASCII names)
        push(line());
        break;
      case 0x58: // BINUNICODE
        push(textDecoder.decode(raw(u32())));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(textDecoder.decode(raw(u8())));
        break;
      case 0x8d: // BINUNICODE8
        push(textDecoder.decode(raw(u64())));
        break;
      case 0x42: // BINBYTES
        push(raw(u32()).slice());
        break;
      case 0x43: // SHORT_BINBYTES
        push(raw(u8()).slice());
        break;
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        push(raw(u64()).slice());
        break;
      case 0x29: // EMPTY_TUPLE
        push([]);
        break;
      case 0x85: // TUPLE1
        push([pop()]);
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        push([pop(), b]);
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        push([pop(), b, c]);
        break;
      }
      case 0x74: // TUPLE
        push(popMark());
        break;
      case 0x5d: // EMPTY_LIST
        push([]);
        break;
      case 0x6c: // LIST
        push(popMark());
        break;
      case 0x61: {
        // APPEND
        const item = pop();
        asList(top()).push(item);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const list = asList(top());
        for (const item of items) list.push(item);
        break;
      }
      case 0x7d: // EMPTY_DICT
        push(new Map());
        break;
      case 0x64: {
        // DICT
        const items = popMark();
        if (items.length % 2 !== 0) fail('odd number of dict items');
        const dict = new Map<unknown, unknown>();
        for (let i = 0; i < items.length; i += 2) dict.set(items[i], items[i + 1]);
        push(dict);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        asDict(top()).set(key, value);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        if (items.length % 2 !== 0) fail('odd number of dict items');
        const dict = asDict(top());
        for (let i = 0; i < items.length; i += 2) dict.set(items[i], items[i + 1]);
        break;
      }
      case 0x8f: // EMPTY_SET
        push(new Set());
        break;
      case 0x90: {
        // ADDITEMS
        const items = popMark();
        const set = top();
        if (!(set instanceof Set)) fail('ADDITEMS on a non-set');
        for (const item of items) (set as Set<unknown>).add(item);
        break;
      }
      case 0x91: // FROZENSET
        push(new Set(popMark()));
        break;
      case 0x67: // GET
        push(memoGet(Number(intFromText(line()))));
        break;
      case 0x68: // BINGET
        push(memoGet(u8()));
        break;
      case 0x6a: // LONG_BINGET
        push(memoGet(u32()));
        break;
      case 0x70: // PUT
        memo.set(Number(intFromText(line())), top());
        break;
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x63: {
        // GLOBAL
        const module = line();
        push(callGlobal(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        push(callGlobal(pop(), name));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const target = callable(pop());
        if (!Array.isArray(args)) fail('REDUCE arguments are not a tuple');
        push(target.call(args as unknown[]));
        break;
      }
      case 0x81: {
        // NEWOBJ
        const args = pop();
        push(newObject(pop(), args, new Map()));
        break;
      }
      case 0x92: {
        // NEWOBJ_EX
        const kwargs = pop();
        const args = pop();
        if (!(kwargs instanceof Map)) fail('NEWOBJ_EX keyword arguments are not a dict');
        push(newObject(pop(), args, kwargs as Map<unknown, unknown>));
        break;
      }
      case 0x69: {
        // INST
        const module = line();
        const cls = callGlobal(module, line());
        push(newObject(cls, popMark(), new Map()));
        break;
      }
      case 0x6f: {
        // OBJ
        const items = popMark();
        if (items.length === 0) fail('OBJ without a class');
        push(newObject(items[0], items.slice(1), new Map()));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const target = top();
        if (isPyStateful(target)) target.setState(state);
        // A plain dict with state is an OrderedDict carrying attributes (torch's `_metadata` of
        // state dicts: version numbers for old layouts, not needed to read the tensors).
        else if (!(target instanceof Map)) fail('BUILD on an object that takes no state');
        break;
      }
      case 0x50: // PERSID
        push(env.persistentLoad(line()));
        break;
      case 0x51: // BINPERSID
        push(env.persistentLoad(pop()));
        break;
      case 0x97: // NEXT_BUFFER
      case 0x98: // READONLY_BUFFER
        fail('out-of-band buffers are not used by checkpoints');
        break;
      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: // EXT4
        fail('extension registry codes are not allowed');
        break;
      default:
        fail(`unknown opcode 0x${opcode.toString(16).padStart(2, '0')}`, { opcode });
    }
  }
}
