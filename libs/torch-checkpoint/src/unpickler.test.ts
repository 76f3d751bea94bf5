import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { findTorchGlobal } from './torch-globals.ts';
import { unpickle } from './unpickler.ts';

const env = {
  findGlobal: findTorchGlobal,
  persistentLoad: () => {
    throw new Error('no persistent ids here');
  },
};
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
    ),
  );
const load = (data: Uint8Array) => unpickle(data, 0, env).value;

function refusal(data: Uint8Array): MicroSegError {
  try {
    load(data);
  } catch (error) {
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).code).toBe('INVALID_INPUT');
    return error as MicroSegError;
  }
  throw new Error('expected the pickle to be refused');
}

describe('unpickle', () => {
  it('reads protocol 0 text opcodes into plain values', () => {
    // pickle.dumps({'a': 1, 'b': [1.5, 'x', None, True]}, protocol=0)
    const data = bytes('(dp0\nVa\np1\nI1\nsVb\np2\n(lp3\nF1.5\naVx\np4\naNaI01\nas.');
    expect(load(data)).toEqual(
      new Map<string, unknown>([
        ['a', 1],
        ['b', [1.5, 'x', null, true]],
      ]),
    );
  });

  it('reads protocol 4 framing, memoize, short strings, sets and big ints', () => {
    // pickle.dumps((frozenset(), 2**70, b'\x01\x02', -3), protocol=4)
    const data = bytes(
      [0x80, 4, 0x95, 28, 0, 0, 0, 0, 0, 0, 0],
      [0x28, 0x28, 0x91, 0x94],
      [0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x40],
      [0x43, 2, 1, 2, 0x94],
      [0x4a, 0xfd, 0xff, 0xff, 0xff],
      [0x74, 0x94, 0x2e],
    );
    expect(load(data)).toEqual([new Set(), 2n ** 70n, Uint8Array.of(1, 2), -3]);
  });

  it('shares memoised objects like Python does', () => {
    // x = []; pickle.dumps([x, x], protocol=2)
    const data = bytes([0x80, 2, 0x5d, 0x71, 0, 0x28, 0x5d, 0x71, 1, 0x68, 1, 0x65, 0x2e]);
    const value = load(data) as unknown[][];
    expect(value[0]).toBe(value[1]);
  });

  it('refuses builtins.eval by name before calling anything', () => {
    const data = bytes(
      [0x80, 4, 0x8c, 8],
      'builtins',
      [0x8c, 4],
      'eval',
      [0x93, 0x8c, 3],
      '1+1',
      [0x85, 0x52, 0x2e],
    );
    const error = refusal(data);
    expect(error.details).toMatchObject({ global: 'builtins.eval', reason: 'global-not-allowed' });
  });

  it.each([
    ['subprocess', 'Popen'],
    ['os', 'system'],
    ['builtins', 'getattr'],
    ['copyreg', '_reconstructor'],
    ['torch', 'load'],
  ])('refuses %s.%s', (module, name) => {
    expect(
      refusal(bytes([0x80, 2], `c${module}\n${name}\n`, [0x29, 0x52, 0x2e])).details.global,
    ).toBe(`${module}.${name}`);
  });

  it('refuses unknown opcodes, truncation, out-of-band buffers and bad memo keys', () => {
    expect(refusal(bytes([0x80, 2, 0xff, 0x2e])).message).toContain('unknown opcode 0xff');
    expect(refusal(bytes([0x80, 2, 0x58, 10, 0, 0, 0], 'abc')).message).toContain('truncated');
    expect(refusal(bytes([0x80, 2, 0x5d])).message).toContain('truncated');
    expect(refusal(bytes([0x80, 5, 0x97, 0x2e])).message).toContain('out-of-band');
    expect(refusal(bytes([0x80, 2, 0x68, 7, 0x2e])).message).toContain('memo key');
    expect(refusal(bytes([0x80, 2, 0x61, 0x2e])).message).toContain('stack underflow');
    expect(refusal(bytes([0x80, 2, 0x4b, 1, 0x52, 0x2e])).message).toContain('malformed');
  });
});
