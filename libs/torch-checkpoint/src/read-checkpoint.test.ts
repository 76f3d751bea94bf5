import { readFileSync, readdirSync } from 'node:fs';
import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { type TensorRecord, readCheckpoint, toFloat32 } from './index.ts';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)));

interface Expected {
  tensors: Record<string, { dtype: string; shape: number[]; values: (number | string)[] }>;
  metadata: Record<string, unknown>;
}
const expectedFiles = readdirSync(fixtures).filter((name) => name.endsWith('.expected.json'));
const FORMATS: Record<string, string> = {
  safetensors: 'safetensors',
  'legacy-views.pth': 'torch-legacy',
  'legacy-state-dict.pth': 'torch-legacy',
};

function decode(value: number | string): number {
  if (typeof value === 'number') return value;
  return (
    { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, '-inf': Number.NEGATIVE_INFINITY }[value] ??
    Number.NaN
  );
}

function valuesOf(record: TensorRecord): number[] {
  if (record.dtype === 'float64') return [...(record.data as Float64Array)];
  if (record.data instanceof BigInt64Array) return [...record.data].map(Number);
  if (record.dtype === 'float32' || record.dtype === 'float16' || record.dtype === 'bfloat16')
    return [...toFloat32(record)];
  return Array.from(record.data as ArrayLike<number>);
}

async function expectInvalid(bytes: Uint8Array): Promise<MicroSegError> {
  const error = await readCheckpoint(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicroSegError);
  expect((error as MicroSegError).code).toBe('INVALID_INPUT');
  return error as MicroSegError;
}

describe('readCheckpoint on checkpoints written by torch.save', () => {
  it.each(expectedFiles)('reads %s exactly as torch does', async (expectedName) => {
    const name = expectedName.replace(/\.expected\.json$/, '');
    const expected = JSON.parse(readFileSync(new URL(expectedName, fixtures), 'utf8')) as Expected;
    const checkpoint = await readCheckpoint(read(name));

    const format = FORMATS[name] ?? (name.endsWith('.safetensors') ? 'safetensors' : 'torch-zip');
    expect(checkpoint.format).toBe(format);
    expect([...checkpoint.stateDict.keys()]).toEqual(Object.keys(expected.tensors));
    for (const [key, want] of Object.entries(expected.tensors)) {
      const record = checkpoint.stateDict.get(key)!;
      expect({ key, dtype: record.dtype, shape: record.shape }).toEqual({
        key,
        dtype: want.dtype,
        shape: want.shape,
      });
      expect(valuesOf(record)).toEqual(want.values.map(decode));
    }
    expect(checkpoint.metadata).toEqual(expected.metadata);
  });

  it('keeps int64 values beyond 2^53 exact', async () => {
    const { stateDict } = await readCheckpoint(read('views.pth'));
    expect([...(stateDict.get('int64')!.data as BigInt64Array)]).toEqual([
      -(2n ** 40n),
      7n,
      2n ** 53n,
    ]);
  });

  it('refuses a pickle that calls os.system and names the global', async () => {
    const error = await expectInvalid(read('malicious-os-system.pth'));
    expect(error.details).toMatchObject({ global: 'posix.system', reason: 'global-not-allowed' });
    expect(error.message).toContain('posix.system');
  });

  it('refuses a whole pickled nn.Module and says to save its state_dict', async () => {
    const error = await expectInvalid(read('whole-module.pth'));
    expect(error.details).toMatchObject({ reason: 'pickled-module' });
    expect(error.message).toContain('state_dict()');
  });

  it('refuses files that are no checkpoint', async () => {
    await expectInvalid(new Uint8Array());
    await expectInvalid(new TextEncoder().encode('hello, this is not a checkpoint'));
  });
});
