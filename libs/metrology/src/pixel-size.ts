import { invalidInput } from '@microseg/errors';

export const LengthUnit = { nm: 'nm', um: 'um', mm: 'mm' } as const;
export type LengthUnit = (typeof LengthUnit)[keyof typeof LengthUnit];

/** The unit of every length in a result: a physical unit, or `px` when the pixel size is unknown. */
export type ResultUnit = LengthUnit | 'px';

/** The physical size of one pixel edge. */
export interface PixelSize {
  readonly value: number;
  readonly unit: LengthUnit;
}

/** Converts pixel lengths and areas into a result unit (identity for `px`). */
export interface Scale {
  readonly unit: ResultUnit;
  readonly length: (pixels: number) => number;
  readonly area: (pixels: number) => number;
}

const UNIT_ALIASES: Readonly<Record<string, LengthUnit>> = {
  nm: 'nm',
  um: 'um',
  µm: 'um',
  μm: 'um',
  micron: 'um',
  microns: 'um',
  mm: 'mm',
};

/** Parses `0.5um`, `12.5 nm`, `0.001mm`, `1.2e-3 mm`; a number without a unit is refused. */
export function parsePixelSize(text: string): PixelSize {
  const match = /^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([^\s0-9.]*)\s*$/.exec(text);
  if (!match) {
    throw invalidInput(
      `pixel size "${text}" is not a number with a unit, e.g. 0.5um, 12.5nm or 0.001mm`,
      {
        pixelSize: text,
      },
    );
  }
  const value = Number(match[1]);
  const unit = UNIT_ALIASES[match[2]!.toLowerCase()];
  if (!match[2]) {
    throw invalidInput(
      `pixel size "${text}" has no unit: write it as e.g. ${value}um, ${value}nm or ${value}mm`,
      {
        pixelSize: text,
      },
    );
  }
  if (!unit) {
    throw invalidInput(`pixel size unit "${match[2]}" is not one of nm, um (µm), mm`, {
      pixelSize: text,
    });
  }
  if (!(value > 0) || !Number.isFinite(value)) {
    throw invalidInput(`pixel size must be positive, got "${text}"`, { pixelSize: text });
  }
  return { value, unit };
}

/** The scale of a result: physical when the pixel size is known, pixels otherwise. */
export function scaleOf(pixelSize: PixelSize | undefined): Scale {
  if (!pixelSize) return { unit: 'px', length: (pixels) => pixels, area: (pixels) => pixels };
  const { value, unit } = pixelSize;
  const squared = value * value;
  return { unit, length: (pixels) => pixels * value, area: (pixels) => pixels * squared };
}
