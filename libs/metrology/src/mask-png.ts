import { readFile } from 'node:fs/promises';
import { invalidInput, notFound } from '@microseg/errors';
import sharp from 'sharp';
import { type IndexMask, createIndexMask } from './index-mask.ts';

const MAX_COLOURS_REPORTED = 8;

/**
 * Decodes a single-channel 8- or 16-bit PNG into an index mask. Anything else (another format, a
 * corrupt file, colour or alpha channels) is refused with an INVALID_INPUT error that says why.
 */
export async function decodeIndexMask(png: Uint8Array): Promise<IndexMask> {
  const image = sharp(png, { failOn: 'error' });
  let metadata: sharp.Metadata;
  try {
    metadata = await image.metadata();
  } catch (cause) {
    throw invalidInput(
      'mask is not a readable image: expected a single-channel index PNG',
      {},
      cause,
    );
  }
  if (metadata.format !== 'png') {
    throw invalidInput(
      `mask is a ${metadata.format ?? 'unknown'} image: expected a single-channel index PNG`,
      {
        format: metadata.format,
      },
    );
  }
  const sixteenBit = metadata.depth === 'ushort';
  const singleChannel = metadata.channels === 1 && !metadata.hasAlpha;
  let raw: { data: Buffer; info: sharp.OutputInfo };
  try {
    // Without an explicit colourspace sharp would expand greyscale to sRGB and 16 bits to 8.
    const pipeline = singleChannel ? image.toColourspace(sixteenBit ? 'grey16' : 'b-w') : image;
    raw = await pipeline
      .raw({ depth: sixteenBit ? 'ushort' : 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw invalidInput('mask PNG is corrupt: its pixels cannot be decoded', {}, cause);
  }
  const { width, height, channels } = raw.info;
  if (!singleChannel || channels !== 1) throw colourMaskError(raw.data, channels, sixteenBit);
  const data = sixteenBit
    ? new Uint16Array(
        raw.data.buffer.slice(raw.data.byteOffset, raw.data.byteOffset + raw.data.byteLength),
      )
    : new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
  return createIndexMask(width, height, data);
}

/** Encodes an index mask as a single-channel PNG (8-bit when every value fits, else 16-bit). */
export async function encodeIndexMask(mask: IndexMask): Promise<Buffer> {
  const sixteenBit = mask.data instanceof Uint16Array && mask.data.some((value) => value > 255);
  // sharp takes the sample depth of raw input from the typed array's type.
  const pixels = sixteenBit ? mask.data : Uint8Array.from(mask.data);
  return sharp(pixels, { raw: { width: mask.width, height: mask.height, channels: 1 } })
    .toColourspace(sixteenBit ? 'grey16' : 'b-w')
    .png()
    .toBuffer();
}

/** The error for a colour image given as an index mask, naming the colours found so the user can map them. */
function colourMaskError(pixels: Buffer, channels: number, sixteenBit: boolean) {
  const colours = new Map<string, number>();
  const step = sixteenBit ? 2 : 1;
  const values = sixteenBit
    ? new Uint16Array(pixels.buffer, pixels.byteOffset, pixels.byteLength / 2)
    : pixels;
  for (let i = 0; i < values.length && colours.size <= MAX_COLOURS_REPORTED; i += channels) {
    const colour = Array.from(values.subarray(i, i + channels)).join(',');
    colours.set(colour, (colours.get(colour) ?? 0) + 1);
  }
  const listed = [...colours.keys()].slice(0, MAX_COLOURS_REPORTED).map((c) => `(${c})`);
  return invalidInput(
    `mask has ${channels} channels (colour${channels === 2 || channels === 4 ? ' with alpha' : ''}) but an index ` +
      'mask is expected: one channel whose value is the class index. Map each colour to its class index ' +
      `(e.g. (0,0,0)->0, (0,0,255)->1, (255,0,0)->2) and save a single-channel 8- or 16-bit PNG. Colours found: ${listed.join(' ')}${colours.size > MAX_COLOURS_REPORTED ? ' ...' : ''}`,
    { channels, bytesPerSample: step, colours: listed },
  );
}

/** Reads and decodes an index-mask PNG file; a missing file is NOT_FOUND, anything unreadable INVALID_INPUT. */
export async function readIndexMask(path: string): Promise<IndexMask> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('mask file', path);
    throw invalidInput(`mask file ${path} cannot be read`, { path }, cause);
  }
  return decodeIndexMask(bytes);
}
