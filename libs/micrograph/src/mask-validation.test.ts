import { MicroSegError } from '@microseg/errors';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ClassDefinition } from './class-schema.ts';
import { decodeImage } from './decode-image.ts';
import { validateMask } from './mask-validation.ts';

const classes: ClassDefinition[] = [
  { index: 0, name: 'matrix', color: '#000000' },
  { index: 1, name: 'secondary', color: '#0000ff' },
  { index: 2, name: 'tertiary', color: '#ff0000' },
];
const W = 8;
const H = 4;
const indexPng = (values: number[]) =>
  sharp(Uint8Array.from(values), { raw: { width: W, height: H, channels: 1 } }).toColourspace('b-w').png().toBuffer();
const colourPng = (rgb: number[][]) =>
  sharp(Uint8Array.from(rgb.flat()), { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();

async function refusal(promise: Promise<unknown>): Promise<MicroSegError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

describe('validateMask', () => {
  it('accepts an index mask as it is and counts pixels per class', async () => {
    const values = Array.from({ length: W * H }, (_, i) => i % 3);
    const mask = await validateMask(await indexPng(values), { width: W, height: H, classes });
    expect(mask.kind).toBe('index');
    expect(mask.indexPng).toBeUndefined();
    expect(mask.classPixels).toEqual({ 0: 11, 1: 11, 2: 10 });
  });

  it('maps a colour mask through the class colours into an index PNG', async () => {
    const rgb = Array.from({ length: W * H }, (_, i) => (i < 4 ? [0, 0, 255] : i < 6 ? [255, 0, 0] : [0, 0, 0]));
    const mask = await validateMask(await colourPng(rgb), { width: W, height: H, classes });
    expect(mask.kind).toBe('colour');
    expect(mask.classPixels).toEqual({ 0: 26, 1: 4, 2: 2 });
    const decoded = await decodeImage(mask.indexPng as Buffer);
    expect(decoded.info.channels).toBe(1);
    expect(Array.from(decoded.pixels.subarray(0, 7))).toEqual([1, 1, 1, 1, 2, 2, 0]);
  });

  it('lists the colours that are not in the class schema, with pixel counts', async () => {
    const rgb = Array.from({ length: W * H }, (_, i) => (i < 3 ? [0, 255, 0] : i < 4 ? [1, 2, 3] : [0, 0, 0]));
    const error = await refusal(validateMask(await colourPng(rgb), { width: W, height: H, classes }));
    expect(error.details['problem']).toBe('unknown-mask-colours');
    expect(error.details['unknownColours']).toEqual([
      { color: '#00ff00', pixels: 3 },
      { color: '#010203', pixels: 1 },
    ]);
    expect(error.message).toContain('#00ff00 (3 px)');
  });

  it('refuses index values beyond the classes, naming them', async () => {
    const values = Array.from({ length: W * H }, (_, i) => (i === 0 ? 7 : i < 3 ? 255 : 0));
    const error = await refusal(validateMask(await indexPng(values), { width: W, height: H, classes }));
    expect(error.details['unknownValues']).toEqual([
      { value: 255, pixels: 2 },
      { value: 7, pixels: 1 },
    ]);
  });

  it('refuses a mask of another size than its image', async () => {
    const error = await refusal(validateMask(await indexPng(new Array<number>(W * H).fill(0)), { width: W, height: H + 1, classes }));
    expect(error.details['problem']).toBe('mask-size-mismatch');
    expect(error.message).toContain('8x4');
  });
});
