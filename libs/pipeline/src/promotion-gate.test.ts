import { describe, expect, it } from 'vitest';
import { type GateImage, type GateTolerance, judgeGate } from './promotion-gate.ts';

const CLASSES = [
  { index: 0, name: 'matrix' },
  { index: 1, name: 'secondary' },
];

const tolerance = (quantity: GateTolerance['quantity'], limits: Partial<Pick<GateTolerance, 'absolute' | 'relative' | 'min'>>): GateTolerance => ({
  quantity, absolute: null, relative: null, min: null, ...limits,
});

/** An image of 100 pixels whose class 1 covers `candidate` pixels on the candidate and `reference` on the reference. */
function image(candidate: number, reference: number, particles: { candidate: number; reference: number } = { candidate: 1, reference: 1 }): GateImage {
  const overlap = Math.min(candidate, reference);
  return {
    pixels: 100,
    classes: [{
      class: 1,
      candidate: { pixels: candidate, count: particles.candidate, meanEquivalentDiameter: particles.candidate ? 2 * Math.sqrt(candidate / particles.candidate / Math.PI) : null },
      reference: { pixels: reference, count: particles.reference, meanEquivalentDiameter: particles.reference ? 2 * Math.sqrt(reference / particles.reference / Math.PI) : null },
      truePositives: overlap,
      falsePositives: candidate - overlap,
      falseNegatives: reference - overlap,
    }],
  };
}

describe('promotion gate verdict', () => {
  it('pools area fractions over the reference images and checks them against an absolute tolerance', () => {
    const images = [image(12, 10), image(8, 10)];
    const verdict = judgeGate({ tolerances: [tolerance('areaFraction', { absolute: 0.01 })], classes: CLASSES, images });
    // (12 + 8) / 200 vs (10 + 10) / 200: the shifts cancel over the set.
    expect(verdict.checks).toEqual([expect.objectContaining({ quantity: 'areaFraction', class: 1, className: 'secondary', candidate: 0.1, reference: 0.1, difference: 0, passed: true })]);
    expect(verdict.passed).toBe(true);
  });

  it('refuses a shift beyond tolerance and says by how much', () => {
    const verdict = judgeGate({ tolerances: [tolerance('areaFraction', { absolute: 0.02, relative: 0.5 })], classes: CLASSES, images: [image(30, 10), image(20, 10)] });
    const [areaFraction] = verdict.checks;
    expect(areaFraction).toMatchObject({ candidate: 0.25, reference: 0.1, passed: false });
    expect(areaFraction!.difference).toBeCloseTo(0.15, 12);
    expect(areaFraction!.relativeDifference).toBeCloseTo(1.5, 12);
    expect(verdict.passed).toBe(false);
  });

  it('needs both limits when both are declared', () => {
    // +1 particle of 10: within 2 absolute, beyond 5 % relative.
    const verdict = judgeGate({ tolerances: [tolerance('count', { absolute: 2, relative: 0.05 })], classes: CLASSES, images: [image(10, 10, { candidate: 11, reference: 10 })] });
    expect(verdict.checks[0]).toMatchObject({ candidate: 11, reference: 10, difference: 1, relativeDifference: 0.1, passed: false });
  });

  it('weights mean equivalent diameters by particle count', () => {
    const images = [image(40, 40, { candidate: 4, reference: 4 }), image(10, 10, { candidate: 1, reference: 1 })];
    const verdict = judgeGate({ tolerances: [tolerance('meanEquivalentDiameter', { relative: 0 })], classes: CLASSES, images });
    expect(verdict.checks[0]!.candidate).toBeCloseTo((4 * 2 * Math.sqrt(10 / Math.PI) + 2 * Math.sqrt(10 / Math.PI)) / 5, 12);
    expect(verdict.passed).toBe(true);
  });

  it('pools IoU from the confusion counts and checks it as a minimum', () => {
    const images = [image(10, 10), image(20, 10)];
    const verdict = judgeGate({ tolerances: [tolerance('iou', { min: 0.7 })], classes: CLASSES, images });
    // TP 20, FP 10, FN 0.
    expect(verdict.checks[0]).toMatchObject({ quantity: 'iou', passed: false });
    expect(verdict.checks[0]!.candidate).toBeCloseTo(20 / 30, 12);
    expect(judgeGate({ tolerances: [tolerance('iou', { min: 0.6 })], classes: CLASSES, images }).passed).toBe(true);
  });

  it('agrees when neither side has particles and disagrees when only one has', () => {
    const none = judgeGate({ tolerances: [tolerance('meanEquivalentDiameter', { absolute: 1 })], classes: CLASSES, images: [image(0, 0, { candidate: 0, reference: 0 })] });
    expect(none.checks[0]).toMatchObject({ candidate: null, reference: null, passed: true });
    const oneSided = judgeGate({ tolerances: [tolerance('meanEquivalentDiameter', { absolute: 1 })], classes: CLASSES, images: [image(0, 10, { candidate: 0, reference: 1 })] });
    expect(oneSided.checks[0]).toMatchObject({ candidate: null, passed: false });
  });

  it('checks thickness once for the layer, weighted by medial-axis pixels', () => {
    const images = [
      { ...image(10, 10), thickness: { candidate: { mean: 10, skeletonPixels: 3 }, reference: { mean: 9, skeletonPixels: 1 } } },
      { ...image(10, 10), thickness: { candidate: { mean: 6, skeletonPixels: 1 }, reference: { mean: 9, skeletonPixels: 3 } } },
    ];
    const verdict = judgeGate({ tolerances: [tolerance('thickness', { absolute: 0.5 })], classes: CLASSES, images });
    expect(verdict.checks).toEqual([expect.objectContaining({ quantity: 'thickness', class: null, candidate: 9, reference: 9, passed: true })]);
  });

  it('never passes a gate that compared no image', () => {
    expect(judgeGate({ tolerances: [tolerance('areaFraction', { absolute: 1 })], classes: CLASSES, images: [] }).passed).toBe(false);
  });
});
