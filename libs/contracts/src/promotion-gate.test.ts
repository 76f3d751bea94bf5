import { describe, expect, it } from 'vitest';
import { type GateCheck, describeCheck, gateDeclarationSchema, gateToleranceSchema } from './promotion-gate.ts';

const check = (overrides: Partial<GateCheck>): GateCheck => ({
  quantity: 'areaFraction', class: 1, className: 'secondary', candidate: 0.25, reference: 0.1, difference: 0.15, relativeDifference: 1.5,
  tolerance: { absolute: 0.02, relative: 0.5, min: null }, passed: false, ...overrides,
});

describe('promotion gate contracts', () => {
  it('takes absolute and relative limits for measured quantities and a minimum for IoU, nothing else', () => {
    expect(gateToleranceSchema.parse({ quantity: 'count', relative: 0.1 })).toEqual({ quantity: 'count', absolute: null, relative: 0.1, min: null });
    expect(gateToleranceSchema.safeParse({ quantity: 'count' }).success).toBe(false);
    expect(gateToleranceSchema.safeParse({ quantity: 'count', min: 0.5 }).success).toBe(false);
    expect(gateToleranceSchema.safeParse({ quantity: 'iou', min: 0.8 }).success).toBe(true);
    expect(gateToleranceSchema.safeParse({ quantity: 'iou', min: 0.8, absolute: 0.1 }).success).toBe(false);
  });

  it('refuses two tolerances for one quantity', () => {
    const declaration = { datasetVersionId: '6f1c1a52-94a9-4c52-8c6a-1a2b3c4d5e6f', experiment: 'Super1', subset: 'test', comparison: 'groundTruth' };
    const twice = { ...declaration, tolerances: [{ quantity: 'count', absolute: 1 }, { quantity: 'count', relative: 0.1 }] };
    expect(gateDeclarationSchema.safeParse(twice).success).toBe(false);
  });

  it('says a check in words', () => {
    expect(describeCheck(check({}))).toBe('areaFraction of secondary: candidate 25.00 % vs reference 10.00 %, allowed ±2.00 % and ±50.00 % relative FAILED');
    expect(describeCheck(check({ quantity: 'thickness', class: null, className: null, candidate: 12.5, reference: 12, tolerance: { absolute: 1, relative: null, min: null }, passed: true })))
      .toBe('thickness: candidate 12.50 px vs reference 12.00 px, allowed ±1 ok');
    expect(describeCheck(check({ quantity: 'iou', candidate: 0.71234, reference: 1, tolerance: { absolute: null, relative: null, min: 0.8 } })))
      .toBe('iou of secondary: 0.7123, at least 0.8 needed FAILED');
  });
});
