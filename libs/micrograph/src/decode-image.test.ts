import { MicroSegError } from '@microseg/errors';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, inspectImage } from './decode-image.ts';
import { encodeNormalisedPng, renderThumbnail } from './derived-images.ts';

const W = 48;
const H = 32;
const gray8 = Uint8Array.from({ length: W * H }, (_, i) => (i * 7) % 256);
const gray16 = Uint16Array.from({ length: W * H }, (_, i) => (i * 1237) % 65536);
const rgb16 = Uint16Array.from({ length: W * H * 3 }, (_, i) => (i * 4099) % 65536);

const png8 = () => sharp(gray8, { raw: { width: W, height: H, channels: 1 } }).toColourspace('b-w').png().toBuffer();
const png16 = () => sharp(gray16, { raw: { width: W, height: H, channels: 1 } }).toColourspace('grey16').png().toBuffer();

async function refusal(bytes: Uint8Array, options = {}): Promise<MicroSegError> {
  const error = await decodeImage(bytes, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicroSegError);
  expect((error as MicroSegError).code).toBe('INVALID_INPUT');
  return error as MicroSegError;
}

describe('decodeImage', () => {
  it('reads an 8-bit grayscale PNG as it is, and says it can serve as the normalised copy', async () => {
    const { info, pixels } = await decodeImage(await png8());
    expect(info).toMatchObject({ format: 'png', lossy: false, width: W, height: H, channels: 1, bitDepth: 8, isNormalisedPng: true });
    expect(Array.from(pixels)).toEqual(Array.from(gray8));
  });

  it('keeps 16-bit samples exactly, through a TIFF and the normalised PNG', async () => {
    const tiff = await sharp(gray16, { raw: { width: W, height: H, channels: 1 } }).toColourspace('grey16').tiff({ compression: 'lzw' }).toBuffer();
    const decoded = await decodeImage(tiff);
    expect(decoded.info).toMatchObject({ format: 'tiff', channels: 1, bitDepth: 16, isNormalisedPng: false });
    expect(Array.from(decoded.pixels)).toEqual(Array.from(gray16));
    const again = await decodeImage(await encodeNormalisedPng(tiff, decoded.info));
    expect(again.info.bitDepth).toBe(16);
    expect(Array.from(again.pixels)).toEqual(Array.from(gray16));
  });

  it('keeps 16-bit RGB samples exactly', async () => {
    const png = await sharp(rgb16, { raw: { width: W, height: H, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    const { info, pixels } = await decodeImage(png);
    expect(info).toMatchObject({ channels: 3, bitDepth: 16 });
    expect(Array.from(pixels)).toEqual(Array.from(rgb16));
  });

  it('takes the pixel size from TIFF resolution tags, in a readable unit', async () => {
    // sharp takes xres in pixels per mm: 200/mm are 5 um pixels.
    const tiff = await sharp(gray8, { raw: { width: W, height: H, channels: 1 } })
      .toColourspace('b-w')
      .tiff({ xres: 200, yres: 200, resolutionUnit: 'cm' })
      .toBuffer();
    expect((await decodeImage(tiff)).info.pixelSize).toEqual({ value: 5, unit: 'um' });
  });

  it('accepts JPEG but marks it lossy', async () => {
    const jpeg = await sharp(gray8, { raw: { width: W, height: H, channels: 1 } }).toColourspace('b-w').jpeg().toBuffer();
    expect((await decodeImage(jpeg)).info).toMatchObject({ format: 'jpeg', lossy: true });
  });

  it('names each kind of bad file', async () => {
    const png = await png8();
    expect((await refusal(new Uint8Array())).details['problem']).toBe('empty-file');
    const text = await refusal(Buffer.from('just some notes, renamed to .png'));
    expect(text.details['problem']).toBe('unsupported-format');
    expect(text.message).toContain('just some notes');
    expect((await refusal(png.subarray(0, png.length - 30))).details['problem']).toBe('truncated');
    const flipped = Buffer.from(png);
    const inIdat = png.indexOf('IDAT') + 6;
    flipped.writeUInt8(flipped.readUInt8(inIdat) ^ 0x01, inIdat);
    const crc = await refusal(flipped);
    expect(crc.details).toMatchObject({ problem: 'bad-crc', chunk: 'IDAT' });
  });

  it('refuses images above the pixel limit from the header alone', async () => {
    const error = await refusal(await png8(), { maxPixels: 1000 });
    expect(error.details).toMatchObject({ problem: 'too-many-pixels', width: W, height: H });
  });

  it('refuses alpha channels', async () => {
    const rgba = await sharp(new Uint8Array(W * H * 4).fill(9), { raw: { width: W, height: H, channels: 4 } }).png().toBuffer();
    expect((await refusal(rgba)).details).toMatchObject({ problem: 'unsupported-channels', channels: 4 });
  });

  it('refuses a multi-page TIFF, saying how many pages it has', async () => {
    const page = () => sharp(gray8, { raw: { width: W, height: H, channels: 1 } }).toColourspace('b-w');
    const twoPages = await sharp([await page().png().toBuffer(), await page().png().toBuffer()], { join: { animated: true } }).tiff().toBuffer();
    expect((await sharp(twoPages).metadata()).pages).toBe(2);
    const error = await refusal(twoPages);
    expect(error.details).toMatchObject({ problem: 'multi-page', pages: 2 });
    expect(error.message).toContain('2 pages');
  });

  it('renders an 8-bit thumbnail no larger than asked, streaming from the file', async () => {
    const png = await png16();
    const thumbnail = await renderThumbnail(png, await inspectImage(png), {}, 16);
    const meta = await sharp(thumbnail).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 16, height: 11, channels: 1, depth: 'uchar' });
  });

  it('refuses a truncated file while rendering the thumbnail, the pass that decodes it whole', async () => {
    const png = await png8();
    const cut = png.subarray(0, png.length - 30);
    const error = await renderThumbnail(cut, { ...(await inspectImage(png)) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as MicroSegError).details['problem']).toBe('truncated');
  });
});
