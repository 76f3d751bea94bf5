import { describe, expect, it } from 'vitest';
import { DecodeBudget, decodeMemoryBytes } from './decode-budget.ts';

const MiB = 2 ** 20;

async function peakConcurrency(budget: DecodeBudget, weights: number[]): Promise<number> {
  let running = 0;
  let peak = 0;
  await Promise.all(
    weights.map((bytes) =>
      budget.run(bytes, async () => {
        peak = Math.max(peak, ++running);
        await new Promise((tick) => setTimeout(tick, 10));
        running--;
      }),
    ),
  );
  return peak;
}

describe('DecodeBudget', () => {
  it('runs decodes side by side only while their estimates fit', async () => {
    expect(await peakConcurrency(new DecodeBudget(100 * MiB), [60 * MiB, 60 * MiB, 60 * MiB])).toBe(1);
    expect(await peakConcurrency(new DecodeBudget(100 * MiB), [30 * MiB, 30 * MiB, 30 * MiB])).toBe(3);
  });

  it('still runs one image larger than the whole budget, alone', async () => {
    expect(await peakConcurrency(new DecodeBudget(100 * MiB), [500 * MiB, 10 * MiB])).toBe(1);
  });
});

describe('decodeMemoryBytes', () => {
  const montage = { width: 10_000, height: 10_000, channels: 3, bitDepth: 16 } as const;

  it('counts a few thousand rows for a streamed decode and every sample for a whole one', () => {
    expect(decodeMemoryBytes(montage, 'streamed')).toBe(10_000 * 6 * 2048);
    expect(decodeMemoryBytes(montage, 'whole')).toBe(10_000 * 10_000 * 7);
  });
});
