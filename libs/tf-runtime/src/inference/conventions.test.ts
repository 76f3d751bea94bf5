import { describe, expect, it } from 'vitest';
import { pixelClass, probabilitiesToMask, unitScaler } from './conventions.ts';

describe('the class rule', () => {
  it('sets a class only where its probability exceeds 0.5 under the paper rule, the background elsewhere', () => {
    // Nothing above 0.5: argmax picks class 1, the paper's rule leaves the matrix.
    expect(pixelClass([0.3, 0.45, 0.25], 0, 3, 'argmax')).toBe(1);
    expect(pixelClass([0.3, 0.45, 0.25], 0, 3, 'threshold')).toBe(0);
    expect(pixelClass([0.2, 0.6, 0.2], 0, 3, 'threshold')).toBe(1);
    expect(pixelClass([0.2, 0.6, 0.2], 0, 3, 'argmax')).toBe(1);
    // Exactly 0.5 is not above it (numpy rounds 0.5 to 0); argmax breaks the tie to the lower index.
    expect(pixelClass([0.5, 0.5, 0], 0, 3, 'threshold')).toBe(0);
    expect(pixelClass([0.5, 0.5, 0], 0, 3, 'argmax')).toBe(0);
    // Several above 0.5 (multi-label outputs): the most probable of them.
    expect(pixelClass([0.1, 0.7, 0.9], 0, 3, 'threshold')).toBe(2);
  });

  it('treats a binary model the same under both rules', () => {
    for (const rule of ['threshold', 'argmax'] as const) {
      expect(pixelClass([0.5], 0, 1, rule)).toBe(0);
      expect(pixelClass([0.51], 0, 1, rule)).toBe(1);
    }
  });

  it('makes a whole mask from interleaved probabilities', () => {
    const p = [0.9, 0.05, 0.05, 0.3, 0.45, 0.25, 0.1, 0.2, 0.7];
    expect(Array.from(probabilitiesToMask(p, 3, 'threshold'))).toEqual([0, 0, 2]);
    expect(Array.from(probabilitiesToMask(p, 3, 'argmax'))).toEqual([0, 1, 2]);
  });
});

describe('16-bit input', () => {
  it('divides by 65535 by default and keeps the high byte as the paper code reads it', () => {
    const full = unitScaler(16, 'full_range');
    const paper = unitScaler(16, 'high_byte');
    expect(full(65535)).toBe(1);
    expect(full(257)).toBeCloseTo(257 / 65535, 12);
    expect(paper(65535)).toBe(1);
    expect(paper(0x01ff)).toBeCloseTo(1 / 255, 12);
    expect(paper(255)).toBe(0);
    expect(unitScaler(8, 'high_byte')(255)).toBe(1);
  });
});
