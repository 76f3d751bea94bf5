import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createIndexMask } from './index-mask.ts';
import { decodeIndexMask, encodeIndexMask } from './mask-png.ts';

describe('decodeIndexMask', () => {
  it('reads 8-bit single-channel masks as they were written', async () => {
    const mask = createIndexMask(3, 2, Uint8Array.of(0, 1, 2, 2, 1, 255));
    const back = await decodeIndexMask(await encodeIndexMask(mask));
    expect(back).toEqual(mask);
  });

  it('reads 16-bit masks with class values above 255', async () => {
    const mask = createIndexMask(2, 2, Uint16Array.of(0, 300, 65535, 7));
    const back = await decodeIndexMask(await encodeIndexMask(mask));
    expect(back.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(back.data)).toEqual([0, 300, 65535, 7]);
  });

  it('reads a 1x1 mask', async () => {
    const back = await decodeIndexMask(
      await encodeIndexMask(createIndexMask(1, 1, Uint8Array.of(4))),
    );
    expect(back).toEqual({ width: 1, height: 1, data: Uint8Array.of(4) });
  });

  it('refuses a colour PNG, naming its colours and how to map them', async () => {
    const rgb = await sharp(Buffer.from([0, 0, 255, 255, 0, 0]), {
      raw: { width: 2, height: 1, channels: 3 },
    })
      .png()
      .toBuffer();
    await expect(decodeIndexMask(rgb)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /3 channels.*Map each colour to its class index.*\(0,0,255\) \(255,0,0\)/,
      ),
    });
  });

  it('refuses a PNG with an alpha channel', async () => {
    const grey = await sharp(Buffer.from([0, 255, 1, 255]), {
      raw: { width: 2, height: 1, channels: 2 },
    })
      .png()
      .toBuffer();
    await expect(decodeIndexMask(grey)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: /with alpha/,
    });
  });

  it('refuses other formats and corrupt files with typed errors', async () => {
    const jpeg = await sharp(Buffer.alloc(16), { raw: { width: 4, height: 4, channels: 1 } })
      .jpeg()
      .toBuffer();
    await expect(decodeIndexMask(jpeg)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: /jpeg image/,
    });
    await expect(decodeIndexMask(Buffer.from('not an image'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const png = await encodeIndexMask(
      createIndexMask(
        64,
        64,
        new Uint8Array(64 * 64).map((_, i) => i % 7),
      ),
    );
    await expect(decodeIndexMask(png.subarray(0, png.length - 40))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
