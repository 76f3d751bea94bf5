import { createRng } from '@microseg/tf-runtime';
import { describe, expect, it } from 'vitest';
import { createResumableRng, shuffled } from './resumable-rng.ts';

describe('resumable generator', () => {
  it('draws the engine generator sequence for the same seed', () => {
    const ours = createResumableRng(1234);
    const engine = createRng(1234);
    expect(Array.from({ length: 5 }, () => ours.next())).toEqual(Array.from({ length: 5 }, () => engine.next()));
  });

  it('continues the same sequence from a saved state', () => {
    const rng = createResumableRng(99);
    rng.next();
    const resumed = createResumableRng(rng.state);
    expect([resumed.next(), resumed.int(10)]).toEqual([rng.next(), rng.int(10)]);
  });

  it('shuffles every item exactly once, reproducibly', () => {
    const a = shuffled([1, 2, 3, 4, 5], createResumableRng(3));
    expect(a).toEqual(shuffled([1, 2, 3, 4, 5], createResumableRng(3)));
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
