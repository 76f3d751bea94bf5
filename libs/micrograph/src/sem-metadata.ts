import type { LengthUnit, PixelSize } from './pixel-size.ts';

/** Where an image's pixel size was read: an SEM vendor's own tag, or the generic TIFF resolution. */
export type PixelSizeOrigin = 'fei_tag' | 'zeiss_tag' | 'tiff_resolution';

/** FEI / Thermo Fisher (FEI_SFEG, FEI_HELIOS) write an ini-style text; Zeiss (CZ_SEM) a list of `name = value unit`. */
const FEI_TAGS = [34682, 34680];
const ZEISS_TAG = 34118;
/** The vendor tags are a few kilobytes; a larger count is a corrupt or hostile directory. */
const MAX_TAG_BYTES = 1 << 20;

const NANOMETRES_PER: Record<string, number> = { pm: 0.001, nm: 1, um: 1_000, µm: 1_000, μm: 1_000, mm: 1_000_000, m: 1e9 };

/**
 * The pixel size an SEM wrote into its own TIFF tags, which sharp does not expose: the first
 * directory is read by hand (classic TIFF, either byte order; BigTIFF is not written by these
 * instruments). FEI's [Scan] PixelWidth (metres) wins over Zeiss's AP_PIXEL_SIZE; a tag that is
 * absent, unreadable or not a positive length gives undefined, never a guess.
 */
export function readSemPixelSize(bytes: Uint8Array): { size: PixelSize; origin: PixelSizeOrigin } | undefined {
  const tags = firstDirectoryTexts(bytes, [...FEI_TAGS, ZEISS_TAG]);
  for (const tag of FEI_TAGS) {
    const text = tags.get(tag);
    const metres = text === undefined ? undefined : feiPixelWidth(text);
    if (metres !== undefined) return { size: readable(metres * 1e9), origin: 'fei_tag' };
  }
  const zeiss = tags.get(ZEISS_TAG);
  const nanometres = zeiss === undefined ? undefined : zeissPixelSize(zeiss);
  return nanometres === undefined ? undefined : { size: readable(nanometres), origin: 'zeiss_tag' };
}

/** `PixelWidth=` of the [Scan] section (FEI's scan settings), else of any section that has one. */
function feiPixelWidth(text: string): number | undefined {
  let section = '';
  let fallback: number | undefined;
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const entry = /^PixelWidth\s*=\s*(\S+)$/i.exec(line);
    if (!entry) continue;
    const value = positive(entry[1]!);
    if (value === undefined) continue;
    if (section.toLowerCase() === 'scan') return value;
    fallback ??= value;
  }
  return fallback;
}

/** Zeiss: `AP_PIXEL_SIZE` then `Pixel Size = 12.3 nm` (the unit may be pm, nm, µm or mm). */
function zeissPixelSize(text: string): number | undefined {
  const match =
    /AP_PIXEL_SIZE\s*[\r\n]+\s*Pixel Size\s*=\s*([-+\d.eE]+)\s*(pm|nm|um|µm|μm|mm)\b/i.exec(text) ??
    /Pixel Size\s*=\s*([-+\d.eE]+)\s*(pm|nm|um|µm|μm|mm)\b/i.exec(text);
  if (!match) return undefined;
  const value = positive(match[1]!);
  const per = NANOMETRES_PER[match[2]!.toLowerCase()];
  return value === undefined || per === undefined ? undefined : value * per;
}

function positive(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Expressed in the unit that reads best, to 6 significant digits. */
function readable(nanometres: number): PixelSize {
  const unit: LengthUnit = nanometres < 1_000 ? 'nm' : nanometres < 1_000_000 ? 'um' : 'mm';
  return { value: Number((nanometres / NANOMETRES_PER[unit]!).toPrecision(6)), unit };
}

/** UTF-8 when the bytes are, else latin-1 (older Zeiss software writes µ as the single byte 0xB5). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** The wanted tags of the first IFD as text (ASCII, BYTE or UNDEFINED values). */
function firstDirectoryTexts(bytes: Uint8Array, wanted: number[]): Map<number, string> {
  const found = new Map<number, string>();
  if (bytes.byteLength < 8) return found;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = String.fromCharCode(bytes[0]!, bytes[1]!);
  if (order !== 'II' && order !== 'MM') return found;
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return found;
  const directory = view.getUint32(4, little);
  if (directory + 2 > bytes.byteLength) return found;
  const entries = view.getUint16(directory, little);
  for (let i = 0; i < entries; i++) {
    const entry = directory + 2 + i * 12;
    if (entry + 12 > bytes.byteLength) break;
    const tag = view.getUint16(entry, little);
    if (!wanted.includes(tag)) continue;
    const type = view.getUint16(entry + 2, little);
    // ASCII (2), BYTE (1) and UNDEFINED (7) hold one byte per count.
    if (type !== 1 && type !== 2 && type !== 7) continue;
    const count = view.getUint32(entry + 4, little);
    if (count > MAX_TAG_BYTES) continue;
    const start = count <= 4 ? entry + 8 : view.getUint32(entry + 8, little);
    if (start + count > bytes.byteLength) continue;
    found.set(tag, decodeText(bytes.subarray(start, start + count)));
  }
  return found;
}
