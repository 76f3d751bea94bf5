import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ACCURACY_COLOURS } from './accuracy-map.ts';
import { createIndexMask } from './index-mask.ts';
import { compareMaskPngs } from './mask-comparison.ts';
import { encodeIndexMask } from './mask-png.ts';

const pngOf = (rows: string[]) =>
  encodeIndexMask(createIndexMask(rows[0]!.length, rows.length, Uint8Array.from(rows.join(''), Number)));

describe('compareMaskPngs', () => {
  it('scores the model mask against the manual one and paints the accuracy map of the same classes', async () => {
    const truth = await pngOf(['1100', '0022']);
    const predicted = await pngOf(['1000', '0122']);
    const { evaluation, accuracyMapPng } = await compareMaskPngs(predicted, truth, { classes: [1, 2] });
    expect(evaluation.classes.map((c) => [c.class, c.iou])).toEqual([[1, 1 / 3], [2, 1]]);
    const { data, info } = await sharp(accuracyMapPng).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([4, 2, 3]);
    const pixel = (i: number) => [...data.subarray(i * 3, i * 3 + 3)];
    expect(pixel(0)).toEqual([...ACCURACY_COLOURS.truePositive]);
    expect(pixel(1)).toEqual([...ACCURACY_COLOURS.falseNegative]);
    expect(pixel(5)).toEqual([...ACCURACY_COLOURS.falsePositive]);
    expect(pixel(4)).toEqual([...ACCURACY_COLOURS.trueNegative]);
  });
});
