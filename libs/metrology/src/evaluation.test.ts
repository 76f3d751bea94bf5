import { describe, expect, it } from 'vitest';
import { accuracyMap } from './accuracy-map.ts';
import { evaluateSegmentation } from './evaluation.ts';
import { createIndexMask } from './index-mask.ts';

const maskOf = (rows: string[]) =>
  createIndexMask(rows[0]!.length, rows.length, Uint8Array.from(rows.join(''), Number));

describe('evaluateSegmentation', () => {
  it('scores IoU, precision and recall per class and their mean', () => {
    const truth = maskOf(['1100', '1100', '0022']);
    const predicted = maskOf(['1110', '1000', '0002']);
    const result = evaluateSegmentation(predicted, truth);
    const [one, two] = result.classes;
    expect(one).toMatchObject({ class: 1, truePositives: 3, falsePositives: 1, falseNegatives: 1 });
    expect([one!.iou, one!.precision, one!.recall]).toEqual([3 / 5, 3 / 4, 3 / 4]);
    expect([two!.iou, two!.precision, two!.recall]).toEqual([1 / 2, 1, 1 / 2]);
    expect(result.meanIoU).toBeCloseTo((3 / 5 + 1 / 2) / 2, 15);
  });

  it('compares counts, area fractions and mean sizes', () => {
    const truth = maskOf(['1010', '0000']);
    const predicted = maskOf(['1100', '0000']);
    const [cls] = evaluateSegmentation(predicted, truth).classes;
    expect(cls!.count).toEqual({ predicted: 1, truth: 2, error: -1, relativeError: -0.5 });
    expect(cls!.areaFraction.error).toBe(0);
    expect(cls!.meanArea).toMatchObject({ predicted: 2, truth: 1, error: 1 });
  });

  it('counts a class absent from both masks as perfect, not as NaN', () => {
    const mask = maskOf(['00', '00']);
    const result = evaluateSegmentation(mask, mask, { classes: [1] });
    expect(result.classes[0]).toMatchObject({ iou: 1, precision: 1, recall: 1 });
    expect(evaluateSegmentation(mask, mask).meanIoU).toBeNull();
  });

  it('refuses masks of different sizes', () => {
    expect(() => evaluateSegmentation(maskOf(['00']), maskOf(['0', '0']))).toThrow(
      /prediction is 2x1 but the truth is 1x2/,
    );
  });
});

describe('accuracyMap', () => {
  it('paints true positives white, false negatives magenta, false positives cyan, the rest black', () => {
    const truth = maskOf(['1100']);
    const predicted = maskOf(['1010']);
    expect(Array.from(accuracyMap(predicted, truth, [1]))).toEqual([
      255, 255, 255, 255, 0, 255, 0, 255, 255, 0, 0, 0,
    ]);
  });
});
