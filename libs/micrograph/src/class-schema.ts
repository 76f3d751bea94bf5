import { invalidInput } from '@microseg/errors';

/** One class of a dataset's masks: the index stored in index masks, its name and display colour. */
export interface ClassDefinition {
  index: number;
  name: string;
  /** `#rrggbb`, lower case: how the class is drawn, and how colour masks are read. */
  color: string;
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/;

// Distinct defaults for classes given without a colour: matrix black, then saturated hues.
const DEFAULT_COLOURS = ['#000000', '#0000ff', '#ff0000', '#00ff00', '#ffff00', '#ff00ff', '#00ffff', '#ffffff'];

export const defaultClassColour = (index: number): string =>
  DEFAULT_COLOURS[index] ?? `#${((index * 0x9e3779) & 0xffffff).toString(16).padStart(6, '0')}`;

export const colourToHex = (r: number, g: number, b: number): string =>
  `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;

export function hexToRgbKey(color: string): number {
  return Number.parseInt(color.slice(1), 16);
}

/**
 * Checks a class schema: indices 0..255 (index masks are 8-bit), unique indices, names and
 * colours (a colour mask could not be read back otherwise). Returns it sorted by index.
 */
export function validateClassSchema(classes: readonly ClassDefinition[]): ClassDefinition[] {
  if (classes.length === 0) throw invalidInput('a dataset needs at least one class', { problem: 'no-classes' });
  const seen = { index: new Set<number>(), name: new Set<string>(), color: new Set<string>() };
  const normalised = classes.map((c) => ({ ...c, color: c.color.toLowerCase() }));
  for (const c of normalised) {
    if (!Number.isInteger(c.index) || c.index < 0 || c.index > 255) {
      throw invalidInput(`class index ${c.index} is outside 0..255`, { problem: 'bad-class-schema', index: c.index });
    }
    if (!HEX_COLOUR.test(c.color)) {
      throw invalidInput(`class ${c.name}: colour "${c.color}" is not #rrggbb`, { problem: 'bad-class-schema', color: c.color });
    }
    for (const key of ['index', 'name', 'color'] as const) {
      const value = c[key];
      const set = seen[key] as Set<typeof value>;
      if (set.has(value)) {
        throw invalidInput(`two classes share the ${key} ${value}`, { problem: 'bad-class-schema', [key]: value });
      }
      set.add(value);
    }
  }
  return normalised.sort((a, b) => a.index - b.index);
}
