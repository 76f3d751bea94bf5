import sharp from 'sharp';
import type { GrayImage } from './sample-image.ts';

const OVERLAY_ALPHA = 0.45;

function rgb(color: string): [number, number, number] {
  const value = Number.parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * The package's cover (bioimage.io asks for 2:1): the input on the left, the mask over it on the
 * right, each class but the background (0) in its colour.
 */
export async function renderCover(image: GrayImage, mask: Uint8Array, colors: string[]): Promise<Uint8Array> {
  const { width, height, pixels } = image;
  const out = Buffer.alloc(width * 2 * height * 3);
  const palette = colors.map(rgb);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gray = pixels[y * width + x]!;
      const left = (y * width * 2 + x) * 3;
      out.fill(gray, left, left + 3);
      const right = left + width * 3;
      const cls = mask[y * width + x]!;
      const color = cls > 0 ? palette[cls] : undefined;
      for (let c = 0; c < 3; c++) out[right + c] = color ? Math.round(gray * (1 - OVERLAY_ALPHA) + color[c]! * OVERLAY_ALPHA) : gray;
    }
  }
  return new Uint8Array(await sharp(out, { raw: { width: width * 2, height, channels: 3 } }).png().toBuffer());
}
