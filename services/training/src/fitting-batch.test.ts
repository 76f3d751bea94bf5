import { describe, expect, it } from 'vitest';
import { fittingBatch } from './job-submission.ts';

const FOUR_512 = 4 * 512 * 512;

describe("a job's batch", () => {
  it("is the paper's 20, capped by the training split", () => {
    expect(fittingBatch({ batchSize: 20, crop: 256 }, false, 10, FOUR_512)).toBe(10);
    expect(fittingBatch({ batchSize: 20, crop: 256 }, false, 1, FOUR_512)).toBe(1);
  });

  it("left at the paper's default, shrinks to what a worker holds", () => {
    expect(fittingBatch({ batchSize: 20, crop: 512 }, false, 10, FOUR_512)).toBe(4);
    expect(fittingBatch({ batchSize: 20, crop: 2048 }, false, 10, FOUR_512)).toBe(1);
  });

  it('asked for explicitly, is refused when it cannot fit rather than quietly changed', () => {
    let refusal: unknown;
    try {
      fittingBatch({ batchSize: 8, crop: 512 }, true, 10, FOUR_512);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT', details: { maxBatch: 4, batchSize: 8, crop: 512 } });
    expect(fittingBatch({ batchSize: 8, crop: 512 }, true, 3, FOUR_512)).toBe(3);
  });
});
