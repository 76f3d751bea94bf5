import { describe, expect, it } from 'vitest';
import type { ObjectColumns } from './mask-analysis.ts';
import { objectsAt } from './objects-at.ts';

const columns = (boxes: number[][]): ObjectColumns => ({
  area: boxes.map((_, i) => 10 * (i + 1)),
  equivalentDiameter: boxes.map((_, i) => i + 1),
  perimeter: boxes.map(() => 4),
  majorAxisLength: boxes.map(() => 2),
  minorAxisLength: boxes.map(() => 1),
  orientation: boxes.map(() => 0),
  eccentricity: boxes.map(() => 0.5),
  solidity: boxes.map(() => 1),
  centroidRow: boxes.map((b) => ((b[0] ?? 0) + (b[2] ?? 0)) / 2),
  centroidCol: boxes.map((b) => ((b[1] ?? 0) + (b[3] ?? 0)) / 2),
  bbox: boxes.flat(),
  touchesBorder: boxes.map(() => false),
});

describe('objects under a point', () => {
  // Class 1: a large ring-like object around a small one; class 2 elsewhere.
  const classes = [
    { class: 1, objects: columns([[0, 0, 100, 100], [40, 40, 60, 60]]) },
    { class: 2, objects: columns([[200, 200, 210, 220]]) },
  ];

  it('answers the smallest box holding the point first, then the boxes around it', () => {
    expect(objectsAt(classes, 50, 45, 3).map((o) => [o.class, o.object])).toEqual([[1, 1], [1, 0]]);
    expect(objectsAt(classes, 10, 10, 3).map((o) => [o.class, o.object])).toEqual([[1, 0]]);
  });

  it('reads x as the column and y as the row, with box ends exclusive', () => {
    expect(objectsAt(classes, 215, 205, 3)).toMatchObject([{ class: 2, object: 0, area: 10, centroid: { row: 205, col: 210 }, bbox: { minRow: 200, minCol: 200, maxRow: 210, maxCol: 220 } }]);
    expect(objectsAt(classes, 205, 215, 3)).toEqual([]);
    expect(objectsAt(classes, 220, 205, 3)).toEqual([]);
  });

  it('keeps to the limit', () => {
    expect(objectsAt(classes, 50, 50, 1)).toHaveLength(1);
  });
});
