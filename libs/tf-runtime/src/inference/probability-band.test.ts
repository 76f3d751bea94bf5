import { describe, expect, it } from 'vitest';
import { probabilitiesToMask } from './conventions.ts';
import { pixelBand, probabilityBandMasks } from './probability-band.ts';

const band = { low: 0.3, high: 0.7 };

describe('the probability band', () => {
  it('keeps a foreground pixel on the lower mask only where the model is sure (threshold rule)', () => {
    expect(pixelBand([0.2, 0.8, 0], 0, 3, 'threshold', band)).toEqual([1, 1]);
    expect(pixelBand([0.4, 0.6, 0], 0, 3, 'threshold', band)).toEqual([0, 1]);
    // Background by the paper's rule, but class 2 is plausible: the upper mask takes it.
    expect(pixelBand([0.3, 0.25, 0.45], 0, 3, 'threshold', band)).toEqual([0, 2]);
    expect(pixelBand([0.8, 0.1, 0.1], 0, 3, 'threshold', band)).toEqual([0, 0]);
  });

  it('uses a margin of high - low against the best rival under argmax', () => {
    expect(pixelBand([0.1, 0.75, 0.15], 0, 3, 'argmax', band)).toEqual([1, 1]);
    expect(pixelBand([0.3, 0.45, 0.25], 0, 3, 'argmax', band)).toEqual([0, 1]);
    expect(pixelBand([0.5, 0.3, 0.2], 0, 3, 'argmax', band)).toEqual([0, 1]);
    expect(pixelBand([0.9, 0.06, 0.04], 0, 3, 'argmax', band)).toEqual([0, 0]);
  });

  it('gives a binary model the thresholds themselves under either rule', () => {
    for (const rule of ['threshold', 'argmax'] as const) {
      expect(pixelBand([0.75], 0, 1, rule, band)).toEqual([1, 1]);
      expect(pixelBand([0.55], 0, 1, rule, band)).toEqual([0, 1]);
      expect(pixelBand([0.35], 0, 1, rule, band)).toEqual([0, 1]);
      expect(pixelBand([0.25], 0, 1, rule, band)).toEqual([0, 0]);
    }
  });

  it('nests each class: lower mask inside the nominal mask inside the upper mask', () => {
    let state = 3;
    const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pixels = 2000;
    const p = new Float32Array(pixels * 3);
    for (let i = 0; i < pixels; i++) {
      const raw = [next(), next() ** 2, next() ** 3];
      const sum = raw[0]! + raw[1]! + raw[2]!;
      raw.forEach((v, c) => (p[i * 3 + c] = v / sum));
    }
    for (const rule of ['threshold', 'argmax'] as const) {
      const nominal = probabilitiesToMask(p, 3, rule);
      const { lower, upper } = probabilityBandMasks(p, 3, rule, band);
      for (let i = 0; i < pixels; i++) {
        for (const c of [1, 2]) {
          if (lower[i] === c) expect(nominal[i]).toBe(c);
          if (nominal[i] === c) expect(upper[i]).toBe(c);
        }
      }
    }
  });

  it('refuses a band that does not hold 0.5', () => {
    expect(() => probabilityBandMasks([0.5], 1, 'threshold', { low: 0.6, high: 0.7 })).toThrow(RangeError);
  });
});
