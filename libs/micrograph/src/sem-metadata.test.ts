import { describe, expect, it } from 'vitest';
import { inspectImage } from './decode-image.ts';
import { readSemPixelSize } from './sem-metadata.ts';

interface ExtraTag {
  tag: number;
  /** 2 ASCII, 5 RATIONAL [numerator, denominator], 3 SHORT. */
  type: 2 | 3 | 5;
  value: string | [number, number] | number;
}

/** A 4x4 8-bit grey, uncompressed, one-strip TIFF with extra tags (sharp cannot write vendor tags). */
function syntheticTiff(extra: ExtraTag[], littleEndian = true): Uint8Array {
  const width = 4;
  const height = 4;
  const pixels = new Uint8Array(width * height).map((_, i) => i * 16);
  const base: ExtraTag[] = [
    { tag: 256, type: 3, value: width },
    { tag: 257, type: 3, value: height },
    { tag: 258, type: 3, value: 8 },
    { tag: 259, type: 3, value: 1 },
    { tag: 262, type: 3, value: 1 },
    { tag: 273, type: 3, value: 0 },
    { tag: 277, type: 3, value: 1 },
    { tag: 278, type: 3, value: height },
    { tag: 279, type: 3, value: pixels.length },
  ];
  const tags = [...base, ...extra].sort((a, b) => a.tag - b.tag);
  const directorySize = 2 + tags.length * 12 + 4;
  const payloads = tags.map((t) => (t.type === 2 ? new TextEncoder().encode(`${t.value as string}\0`) : t.type === 5 ? new Uint8Array(8) : undefined));
  const payloadBytes = payloads.reduce((n, p) => n + (p && p.length > 4 ? p.length + (p.length % 2) : 0), 0);
  const pixelOffset = 8 + directorySize + payloadBytes;
  const out = new Uint8Array(pixelOffset + pixels.length);
  const view = new DataView(out.buffer);
  out.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]);
  view.setUint16(2, 42, littleEndian);
  view.setUint32(4, 8, littleEndian);
  view.setUint16(8, tags.length, littleEndian);
  let next = 8 + directorySize;
  tags.forEach((t, i) => {
    const entry = 10 + i * 12;
    view.setUint16(entry, t.tag, littleEndian);
    view.setUint16(entry + 2, t.type, littleEndian);
    if (t.type === 3) {
      view.setUint32(entry + 4, 1, littleEndian);
      view.setUint16(entry + 8, t.tag === 273 ? pixelOffset : (t.value as number), littleEndian);
      return;
    }
    const payload = payloads[i]!;
    view.setUint32(entry + 4, t.type === 5 ? 1 : payload.length, littleEndian);
    if (t.type === 5) {
      const [numerator, denominator] = t.value as [number, number];
      view.setUint32(next, numerator, littleEndian);
      view.setUint32(next + 4, denominator, littleEndian);
    } else {
      out.set(payload, next);
    }
    view.setUint32(entry + 8, next, littleEndian);
    next += payload.length + (payload.length % 2);
  });
  view.setUint32(10 + tags.length * 12, 0, littleEndian);
  out.set(pixels, pixelOffset);
  return out;
}

const FEI_TEXT = '[User]\r\nDate=04/12/2026\r\n[EScan]\r\nPixelWidth=9.9e-07\r\n[Scan]\r\nPixelWidth=2.4802e-09\r\nPixelHeight=2.4802e-09\r\n';
const ZEISS_TEXT = '\0\0DP_DETECTOR\r\nDetector = SE2\r\nAP_PIXEL_SIZE\r\nPixel Size = 12.3 nm\r\nAP_WD\r\nWD = 5.1 mm\r\n';

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
