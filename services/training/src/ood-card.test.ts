import { describe, expect, it } from 'vitest';
import { oodCardSection } from './ood-card.ts';

describe('oodCardSection', () => {
  it("states the version's threshold and how its validation split gave it", () => {
    const section = oodCardSection({
      method: 'encoder-feature-distance', threshold: 0.9246, rule: { quantile: 0.99, margin: 1.15 },
      validationScores: [0.759, 0.804], trainingImages: 10, file: { key: 'models/x/ood-calibration.json', sha256: '0'.repeat(64) },
    });
    expect(section).toContain('Threshold: 0.925 = the 0.99 quantile of the validation images\' scores (0.759, 0.804) x 1.15');
    expect(section).toContain('the 10 training images');
  });

  it('says when a version has none, rather than leaving it out', () => {
    expect(oodCardSection(null)).toMatch(/None: this version was registered without a validation split/);
  });
});
