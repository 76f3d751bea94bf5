import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { Sha256Counter, sha256Hex } from './sha256-counter.ts';

describe('Sha256Counter', () => {
  it('passes data through unchanged while hashing and counting it', async () => {
    const counter = new Sha256Counter();
    const seen: Buffer[] = [];
    await pipeline(
      Readable.from([Buffer.from('ab'), Buffer.from('c')]),
      counter,
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) seen.push(chunk);
      },
    );
    expect(Buffer.concat(seen).toString()).toBe('abc');
    // sha256("abc"), the FIPS 180-2 test vector.
    expect(counter.result()).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      size: 3,
    });
    expect(sha256Hex(Buffer.from('abc'))).toBe(counter.result().sha256);
  });

  it('refuses to report before the stream has ended', () => {
    expect(() => new Sha256Counter().result()).toThrow(/before the stream ended/);
  });
});
