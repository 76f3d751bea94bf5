import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { classColourDeepZoom, deepZoomLayout, deepZoomLevel, deepZoomTileName, micrographDeepZoom } from './deep-zoom.ts';

const gray = (width: number, height: number) =>
  sharp(Uint8Array.from({ length: width * height }, (_, i) => i % 251), { raw: { width, height, channels: 1 } }).png().toBuffer();

describe('Deep Zoom pyramids', () => {
  it('lays out levels as OpenSeadragon does: full size on top, halving down to one pixel', () => {
    const layout = deepZoomLayout(600, 300, 'jpeg');
    expect(layout.maxLevel).toBe(10);
    expect(deepZoomLevel(layout, 10)).toEqual({ width: 600, height: 300, columns: 3, rows: 2 });
    expect(deepZoomLevel(layout, 9)).toEqual({ width: 300, height: 150, columns: 2, rows: 1 });
    expect(deepZoomLevel(layout, 0)).toEqual({ width: 1, height: 1, columns: 1, rows: 1 });
    expect(() => deepZoomLevel(layout, 11)).toThrow(/levels run from 0 to 10/);
  });

  it('makes every tile of every level of a micrograph, each the size the layout says', async () => {
    const { layout, tiles } = await micrographDeepZoom(await gray(600, 300));
    expect(layout).toEqual(deepZoomLayout(600, 300, 'jpeg'));
    const expected = Array.from({ length: layout.maxLevel + 1 }, (_, level) => deepZoomLevel(layout, level)).reduce((sum, l) => sum + l.columns * l.rows, 0);
    expect(tiles).toHaveLength(expected);
    const corner = tiles.find((t) => t.level === 10 && t.column === 2 && t.row === 1);
    // With its neighbours' pixel of overlap on the inner edges.
    expect(await sharp(corner?.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 600 - 512 + 1, height: 300 - 256 + 1 });
    expect(deepZoomTileName(layout, { level: 10, column: 2, row: 1 })).toBe('10/2_1.jpeg');
  });

  it('paints a mask in its class colours at full size, class 0 transparent and unnamed classes yellow', async () => {
    const labels = Uint8Array.from({ length: 300 * 20 }, (_, i) => (i % 300 < 100 ? 0 : i % 300 < 200 ? 1 : 7));
    const mask = await sharp(labels, { raw: { width: 300, height: 20, channels: 1 } }).png().toBuffer();
    const { layout, tiles } = await classColourDeepZoom(mask, [{ index: 1, color: '#0000ff' }]);
    expect(layout.format).toBe('png');
    const top = tiles.filter((t) => t.level === layout.maxLevel);
    const pixel = async (column: number, x: number) => {
      const { data } = await sharp(top.find((t) => t.column === column)?.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return [...data.subarray(x * 4, x * 4 + 4)];
    };
    expect(await pixel(0, 50)).toEqual([0, 0, 0, 0]);
    expect(await pixel(0, 150)).toEqual([0, 0, 255, 255]);
    expect(await pixel(0, 250)).toEqual([255, 255, 0, 255]);
    // Tile 1 starts a pixel early: the overlap.
    expect(await pixel(1, 0)).toEqual([255, 255, 0, 255]);
  });
});
