import { describe, expect, it } from 'vitest';
import { inspectImage } from './decode-image.ts';
import { type ExtraTag, FEI_TEXT, ZEISS_TEXT, syntheticTiff } from '../../../test/fixtures/sem-tiff.ts';
import { readSemPixelSize } from './sem-metadata.ts';

describe('pixel size from SEM vendor tags', () => {
  it("reads FEI / Thermo Fisher's [Scan] PixelWidth (metres) from FEI_HELIOS and FEI_SFEG", async () => {
    for (const tag of [34682, 34680]) {
      const info = await inspectImage(syntheticTiff([{ tag, type: 2, value: FEI_TEXT }]));
      expect(info.pixelSize).toEqual({ value: 2.4802, unit: 'nm' });
      expect(info.pixelSizeOrigin).toBe('fei_tag');
    }
  });

  it("reads Zeiss's AP_PIXEL_SIZE from CZ_SEM, in either byte order", async () => {
    for (const littleEndian of [true, false]) {
      const info = await inspectImage(syntheticTiff([{ tag: 34118, type: 2, value: ZEISS_TEXT }], littleEndian));
      expect(info.pixelSize).toEqual({ value: 12.3, unit: 'nm' });
      expect(info.pixelSizeOrigin).toBe('zeiss_tag');
    }
    const microns = syntheticTiff([{ tag: 34118, type: 2, value: 'AP_PIXEL_SIZE\nPixel Size = 1.5 µm\n' }]);
    expect(readSemPixelSize(microns)).toEqual({ size: { value: 1.5, unit: 'um' }, origin: 'zeiss_tag' });
    // The single latin-1 byte 0xB5 for µ, as older Zeiss software writes it.
    const latin1 = syntheticTiff([{ tag: 34118, type: 2, value: 'AP_PIXEL_SIZE\nPixel Size = 0.75 Xm\n' }]);
    latin1[Buffer.from(latin1).indexOf('Xm')] = 0xb5;
    expect(readSemPixelSize(latin1)).toEqual({ size: { value: 750, unit: 'nm' }, origin: 'zeiss_tag' });
    const picometres = syntheticTiff([{ tag: 34118, type: 2, value: 'AP_PIXEL_SIZE\nPixel Size = 250 pm\n' }]);
    expect(readSemPixelSize(picometres)).toEqual({ size: { value: 0.25, unit: 'nm' }, origin: 'zeiss_tag' });
  });

  it('prefers the vendor tag over XResolution, and uses XResolution when there is none', async () => {
    // 1 cm / 2 000 000 pixels = 5 nm per pixel in the resolution tags, 2.4802 nm in FEI's tag.
    const resolution: ExtraTag[] = [
      { tag: 282, type: 5, value: [2_000_000, 1] },
      { tag: 283, type: 5, value: [2_000_000, 1] },
      { tag: 296, type: 3, value: 3 },
    ];
    const both = await inspectImage(syntheticTiff([...resolution, { tag: 34682, type: 2, value: FEI_TEXT }]));
    expect(both).toMatchObject({ pixelSize: { value: 2.4802, unit: 'nm' }, pixelSizeOrigin: 'fei_tag' });
    const plain = await inspectImage(syntheticTiff(resolution));
    expect(plain).toMatchObject({ pixelSize: { value: 5, unit: 'nm' }, pixelSizeOrigin: 'tiff_resolution' });
  });

  it('states no pixel size rather than guess when the tags say nothing usable', async () => {
    const none = await inspectImage(syntheticTiff([]));
    expect(none.pixelSize).toBeUndefined();
    expect(none.pixelSizeOrigin).toBeUndefined();
    for (const text of ['[Scan]\r\nPixelWidth=0\r\n', '[Scan]\r\nPixelWidth=abc\r\n', '[User]\r\nDate=1\r\n']) {
      expect(readSemPixelSize(syntheticTiff([{ tag: 34682, type: 2, value: text }]))).toBeUndefined();
    }
    expect(readSemPixelSize(syntheticTiff([{ tag: 34118, type: 2, value: 'AP_PIXEL_SIZE\nPixel Size = 3 furlongs\n' }]))).toBeUndefined();
    expect(readSemPixelSize(new Uint8Array([0x49, 0x49, 42, 0, 0xff, 0xff, 0xff, 0xff]))).toBeUndefined();
  });
});
