import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { type StateDict, readCheckpoint, writeSafetensors } from './index.ts';

const sample = (): StateDict =>
  new Map([
    [
      'encoder.conv1.weight',
      { dtype: 'float32', shape: [2, 1, 1, 2], data: Float32Array.of(1, -2, 3.5, 0) },
    ],
    ['encoder.bn1.num_batches_tracked', { dtype: 'int64', shape: [], data: BigInt64Array.of(12n) }],
    [
      'decoder.half',
      { dtype: 'float16', shape: [3], data: Uint16Array.of(0x3c00, 0x8000, 0x7c00) },
    ],
    ['mask', { dtype: 'bool', shape: [2], data: Uint8Array.of(1, 0) }],
  ]);

describe('safetensors', () => {
  it('round-trips tensors and metadata, and is sniffed by content', async () => {
    const bytes = writeSafetensors(sample(), { architecture: 'Unet' });
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
    const checkpoint = await readCheckpoint(bytes);
    expect(checkpoint).toEqual({
      format: 'safetensors',
      stateDict: sample(),
      metadata: { architecture: 'Unet' },
    });
  });

  it('refuses data that does not match shape and dtype, and offsets beyond the file', async () => {
    const bad: StateDict = new Map([
      ['w', { dtype: 'float32', shape: [3], data: Float32Array.of(1, 2) }],
    ]);
    expect(() => writeSafetensors(bad)).toThrow(MicroSegError);

    const bytes = writeSafetensors(sample());
    await expect(readCheckpoint(bytes.subarray(0, bytes.length - 1))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const header = new TextEncoder().encode(
      '{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}',
    );
    const forged = new Uint8Array(8 + header.length + 4);
    new DataView(forged.buffer).setBigUint64(0, BigInt(header.length), true);
    forged.set(header, 8);
    await expect(readCheckpoint(forged)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { tensor: 'w' },
    });
  });
});
