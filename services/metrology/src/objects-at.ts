import type { MeasuredObject } from '@microseg/contracts';
import type { ObjectColumns } from './mask-analysis.ts';

/**
 * The objects whose bounding box holds pixel (x, y), smallest box first. A box is the closest test
 * the stored columns allow (no label image is kept); where boxes nest, the smallest is almost
 * always the object under the pointer.
 */
export function objectsAt(classes: readonly { class: number; objects: ObjectColumns }[], x: number, y: number, limit: number): MeasuredObject[] {
  const found: { size: number; object: MeasuredObject }[] = [];
  for (const { class: classIndex, objects } of classes) {
    for (let i = 0; i < objects.area.length; i++) {
      const [minRow = 0, minCol = 0, maxRow = 0, maxCol = 0] = objects.bbox.slice(i * 4, i * 4 + 4);
      if (y < minRow || y >= maxRow || x < minCol || x >= maxCol) continue;
      found.push({
        size: (maxRow - minRow) * (maxCol - minCol),
        object: {
          class: classIndex,
          object: i,
          area: objects.area[i] ?? 0,
          equivalentDiameter: objects.equivalentDiameter[i] ?? 0,
          perimeter: objects.perimeter[i] ?? 0,
          majorAxisLength: objects.majorAxisLength[i] ?? 0,
          minorAxisLength: objects.minorAxisLength[i] ?? 0,
          eccentricity: objects.eccentricity[i] ?? 0,
          solidity: objects.solidity[i] ?? 0,
          centroid: { row: objects.centroidRow[i] ?? 0, col: objects.centroidCol[i] ?? 0 },
          bbox: { minRow, minCol, maxRow, maxCol },
          touchesBorder: objects.touchesBorder[i] ?? false,
        },
      });
    }
  }
  return found
    .sort((a, b) => a.size - b.size)
    .slice(0, limit)
    .map((f) => f.object);
}
