import { readFileSync } from 'node:fs';
import { MicroSegError } from '@microseg/errors';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from './index.ts';

const read = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

async function outcome(bytes: Uint8Array): Promise<'read' | MicroSegError> {
  try {
    await readCheckpoint(bytes);
    return 'read';
  } catch (error) {
    if (error instanceof MicroSegError && error.code === 'INVALID_INPUT') return error;
    throw error;
  }
}

function rezip(name: string, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(read(name));
  change(files);
  return zipSync(files, { level: 0 });
}

/** A small deterministic generator (mulberry32) so a failing case can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('readCheckpoint on corrupt and hostile files', () => {
  it('refuses truncated zips and legacy files', async () => {
    for (const name of ['plain-state-dict.pth', 'legacy-views.pth', 'weights.safetensors']) {
      const bytes = read(name);
      for (const length of [10, bytes.length >> 1, bytes.length - 1]) {
        expect(await outcome(bytes.subarray(0, length)), `${name} cut at ${length}`).toBeInstanceOf(
          MicroSegError,
        );
      }
    }
  });

  it('names a missing storage record', async () => {
    const bytes = rezip('plain-state-dict.pth', (files) => delete files['plain-state-dict/data/0']);
    const error = await outcome(bytes);
    expect(error).toBeInstanceOf(MicroSegError);
    expect((error as MicroSegError).details).toEqual({ record: 'plain-state-dict/data/0' });
  });

  it('refuses a storage record shorter than the pickle declares', async () => {
    const bytes = rezip('plain-state-dict.pth', (files) => {
      files['plain-state-dict/data/0'] = files['plain-state-dict/data/0']!.subarray(0, 8);
    });
    expect(((await outcome(bytes)) as MicroSegError).message).toContain(
      'shorter than its declared size',
    );
  });

  it('refuses a zip without data.pkl', async () => {
    const bytes = rezip(
      'plain-state-dict.pth',
      (files) => delete files['plain-state-dict/data.pkl'],
    );
    expect(((await outcome(bytes)) as MicroSegError).message).toContain('data.pkl');
  });

  it('ends every random corruption in a result or INVALID_INPUT, never a crash or hang', async () => {
    const next = random(4);
    const names = [
      'training-checkpoint.pth.tar',
      'views.pth',
      'legacy-views.pth',
      'half-precision.pth',
      'weights.safetensors',
    ];
    let refused = 0;
    for (let round = 0; round < 1500; round++) {
      const bytes = read(names[round % names.length]!).slice();
      const flips = 1 + Math.floor(next() * 4);
      for (let i = 0; i < flips; i++)
        bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const cut = next() < 0.2 ? Math.floor(next() * bytes.length) : bytes.length;
      if ((await outcome(bytes.subarray(0, cut))) !== 'read') refused++;
    }
    expect(refused).toBeGreaterThan(100);
  });
});
