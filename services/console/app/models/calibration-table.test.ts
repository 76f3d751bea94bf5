import { describe, expect, it } from 'vitest';
import { calibrationTable, missedRangeLines } from './calibration-table.ts';

const classes = [{ index: 0, name: 'background' }, { index: 1, name: 'oxide' }, { index: 2, name: 'crack' }];
const scale = (quantity: string, factor: number) => ({ quantity, factor, fields: 20 });

describe("a version's interval calibration as a table", () => {
  it('has a row per class and one for the layer, and a column per quantity any of them has a scale for', () => {
    const table = calibrationTable(
      {
        classes: [{ class: 1, scales: [scale('COUNT', 1.5), scale('P50', 2)] }, { class: 2, scales: [] }],
        thickness: { classes: [1, 2], radius: 5, minArea: 1000, scales: [scale('MEAN', 1.2), scale('P50', 3)] },
      },
      classes,
    );
    expect(table.quantities.map((q) => q.label)).toEqual(['count', 'mean thickness', 'median']);
    expect(table.rows.map((row) => [row.label, row.cells.map((cell) => cell?.factor ?? null)])).toEqual([
      ['oxide', [1.5, null, 2]],
      ['crack', [null, null, null]],
      ['thickness of oxide + crack', [null, 1.2, 3]],
    ]);
  });

  it('leaves the layer out when there is no thickness calibration', () => {
    const table = calibrationTable({ classes: [{ class: 1, scales: [scale('AREA_FRACTION', 1)] }], thickness: null }, classes);
    expect(table.rows.map((row) => row.label)).toEqual(['oxide']);
  });

  it('says, per class, what a set gets where the model finds no object of it', () => {
    const calibration = {
      classes: [
        { class: 1, scales: [], missedRanges: [] },
        { class: 2, scales: [], missedRanges: [{ quantity: 'MEAN_AREA', low: 0, high: 41.256 }, { quantity: 'P50', low: 1.5, high: 7.21 }] },
      ],
      thickness: null,
    };
    expect(missedRangeLines(calibration, classes)).toEqual(['crack: mean area 0-41.3 px², median 1.5-7.21 px']);
  });
});
