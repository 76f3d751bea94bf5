import { describe, expect, it } from 'vitest';
import { moveInWords, parseTolerance } from './alias-gates.ts';

describe('alias gate commands', () => {
  it('reads tolerances as an operator writes them', () => {
    expect(parseTolerance('areaFraction=0.02')).toEqual({ quantity: 'areaFraction', absolute: 0.02, relative: null, min: null });
    expect(parseTolerance('count=10%')).toEqual({ quantity: 'count', absolute: null, relative: 0.1, min: null });
    expect(parseTolerance('meanEquivalentDiameter=1.5,5%')).toEqual({ quantity: 'meanEquivalentDiameter', absolute: 1.5, relative: 0.05, min: null });
    expect(parseTolerance('iou>=0.8')).toEqual({ quantity: 'iou', absolute: null, relative: null, min: 0.8 });
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => parseTolerance('porosity=0.1')).toThrow(/QUANTITY/);
    expect(() => parseTolerance('count=ten')).toThrow(/not a non-negative number/);
    expect(() => parseTolerance('count=-1')).toThrow(/not a non-negative number/);
  });

  it('prints a refused move with its report in words', () => {
    const text = moveInWords('superalloy', {
      id: 'a', modelId: 'm', alias: 'production', fromVersionId: 'v1', toVersionId: 'v2', movedBy: 'u', movedAt: '2026-01-01T00:00:00Z', outcome: 'refused', gate: null, gateSkipped: false,
      gateReport: {
        passed: false, comparison: 'groundTruth', datasetVersionId: 'd', experiment: 'Super1', subset: 'test', candidateVersionId: 'v2', referenceVersionId: null, images: 4, unit: 'px',
        checks: [{ quantity: 'areaFraction', class: 1, className: 'secondary', candidate: 0.4, reference: 0.3, difference: 0.1, relativeDifference: 1 / 3, tolerance: { absolute: 0.02, relative: null, min: null }, passed: false }],
        skippedImages: [], error: null, evaluatedAt: '2026-01-01T00:00:00Z',
      },
    });
    expect(text).toBe([
      'superalloy@production: v1 -> v2 refused',
      '  gate FAILED: 4 image(s) of Super1/test against the ground truth (lengths in px)',
      '  areaFraction of secondary: candidate 40.00 % vs reference 30.00 %, allowed ±2.00 % FAILED',
    ].join('\n'));
  });
});
