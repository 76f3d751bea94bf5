import sharp from 'sharp';

export interface OverlayAgreement {
  /** Mask pixels of a class above 0 drawn in exactly that class's colour (±2 per channel). */
  classPixels: number;
  classPixelsInColour: number;
  /** Class-0 pixels that show the grey micrograph, not a class colour. */
  backgroundPixels: number;
  backgroundPixelsGrey: number;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Compares a screenshot of the viewer (overlay at full opacity, one screen pixel per image pixel)
 * with the index mask: where the mask has a class, the screenshot must have its colour.
 */
export async function overlayAgreement(screenshot: Buffer, indexMask: Buffer, classes: { index: number; color: string }[]): Promise<OverlayAgreement> {
  const shot = await sharp(screenshot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const mask = await sharp(indexMask).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  if (shot.info.width !== mask.info.width || shot.info.height !== mask.info.height) {
    throw new Error(`screenshot ${shot.info.width}x${shot.info.height} is not the mask's ${mask.info.width}x${mask.info.height}`);
  }
  const colours = new Map(classes.map((c) => [c.index, rgb(c.color)]));
  const agreement: OverlayAgreement = { classPixels: 0, classPixelsInColour: 0, backgroundPixels: 0, backgroundPixelsGrey: 0 };
  for (let i = 0; i < mask.data.length; i++) {
    const label = mask.data[i] ?? 0;
    const [r, g, b] = [shot.data[i * 3] ?? 0, shot.data[i * 3 + 1] ?? 0, shot.data[i * 3 + 2] ?? 0];
    if (label === 0) {
      agreement.backgroundPixels++;
      if (Math.abs(r - g) <= 2 && Math.abs(g - b) <= 2) agreement.backgroundPixelsGrey++;
      continue;
    }
    agreement.classPixels++;
    const expected = colours.get(label);
    if (expected && Math.abs(r - expected[0]) <= 2 && Math.abs(g - expected[1]) <= 2 && Math.abs(b - expected[2]) <= 2) agreement.classPixelsInColour++;
  }
  return agreement;
}

/** A pixel of a class above 0 nearest the mask's centre (a particle to hover). */
export async function firstClassPixel(indexMask: Buffer): Promise<{ x: number; y: number }> {
  const { data, info } = await sharp(indexMask).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  let best: { x: number; y: number; distance: number } | undefined;
  for (let i = 0; i < data.length; i++) {
    if ((data[i] ?? 0) === 0) continue;
    const x = i % info.width;
    const y = Math.floor(i / info.width);
    const distance = (x - info.width / 2) ** 2 + (y - info.height / 2) ** 2;
    if (!best || distance < best.distance) best = { x, y, distance };
  }
  if (!best) throw new Error('the mask has no class above 0');
  return { x: best.x, y: best.y };
}
