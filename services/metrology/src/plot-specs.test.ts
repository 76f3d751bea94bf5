import { logHistogram } from '@microseg/metrology';
import { describe, expect, it } from 'vitest';
import { classNamesOf, plotSpecs } from './plot-specs.ts';

const titles = { size: 'Particle size distribution', thickness: 'Layer thickness' };

describe('plotSpecs', () => {
  it('makes the size histogram and area fractions of particles, titled and described for the page', () => {
    const specs = plotSpecs(
      {
        unit: 'nm',
        classes: [
          { class: 1, areaFraction: 0.2, histogram: logHistogram([1, 2, 4, 8], { bins: 3 }) },
          { class: 2, areaFraction: 0.1, histogram: logHistogram([3, 5], { bins: 3 }) },
        ],
        thicknessValues: null,
        thicknessProfile: null,
      },
      titles,
    );
    expect(specs.map((s) => [s.kind, s.title])).toEqual([
      ['size_histogram', 'Particle size distribution'],
      ['area_fractions', 'Area fractions'],
    ]);
    expect(specs[0]?.description).toContain('class 1 4 objects, class 2 2 objects');
    expect(specs[1]?.description).toBe('Area fractions: class 1 20.00 %, class 2 10.00 %');
  });

  it("labels each class with the dataset's name for it, and with its index where the dataset names none", () => {
    const specs = plotSpecs(
      {
        unit: 'nm',
        classes: [
          { class: 1, areaFraction: 0.2, histogram: logHistogram([1, 2, 4, 8], { bins: 3 }) },
          { class: 3, areaFraction: 0.1, histogram: logHistogram([3, 5], { bins: 3 }) },
        ],
        thicknessValues: null,
        thicknessProfile: null,
        classNames: classNamesOf({ classes: [{ index: 0, name: 'matrix' }, { index: 1, name: "gamma prime" }] }),
      },
      titles,
    );
    expect(specs[0]?.description).toContain('gamma prime 4 objects, class 3 2 objects');
    expect(specs[1]?.description).toBe('Area fractions: gamma prime 20.00 %, class 3 10.00 %');
    expect(JSON.stringify(specs[0]?.spec)).toContain('"gamma prime"');
  });

  it('leaves out what there is nothing to draw of, and adds the layer plots when a layer was measured', () => {
    const layer = plotSpecs(
      {
        unit: 'px',
        classes: [],
        thicknessValues: [4, 5, 6],
        thicknessProfile: [
          { position: 0, thickness: 4 },
          { position: 1, thickness: 6 },
        ],
      },
      { ...titles, suffix: ', ground truth' },
    );
    expect(layer.map((s) => [s.kind, s.title])).toEqual([
      ['thickness_histogram', 'Layer thickness'],
      ['thickness_profile', 'Layer thickness profile, ground truth'],
    ]);
    const empty = plotSpecs({ unit: 'px', classes: [{ class: 1, areaFraction: 0, histogram: { edges: [], counts: [] } }], thicknessValues: [], thicknessProfile: [] }, titles);
    expect(empty.map((s) => s.kind)).toEqual(['area_fractions']);
  });
});
