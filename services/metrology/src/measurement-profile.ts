import { createHash } from 'node:crypto';
import type { Dataset, MaskToMeasure, MeasurementPixelSizeSource, MeasurementProfile, PixelSizeValue } from '@microseg/contracts';
import { invalidInput } from '@microseg/errors';

/**
 * The profile of a dataset nobody configured: every class is a valid mask value, and every class
 * but the background (index 0: matrix, background) is measured as particles, the superalloy
 * analysis. Layer thickness (coatings) is only measured when a profile asks for it, because which
 * classes form the layer is a scientific choice the class names do not settle.
 */
export function defaultProfile(dataset: Pick<Dataset, 'classes'>): MeasurementProfile {
  const classes = dataset.classes.map((c) => c.index).sort((a, b) => a - b);
  const foreground = classes.filter((value) => value !== 0);
  return {
    classes,
    particles: foreground.length > 0 ? { classes: foreground, connectivity: 8 } : null,
    thickness: null,
    pixelSize: { policy: 'image', fixed: null },
    histogramBins: 20,
  };
}

/**
 * Refuses a profile that names classes the dataset does not define, or measures classes its masks
 * may not hold.
 */
export function assertConsistentProfile(
  profile: MeasurementProfile,
  dataset: Pick<Dataset, 'classes'>,
): void {
  const defined = new Set(dataset.classes.map((c) => c.index));
  const undefinedClasses = profile.classes.filter((value) => !defined.has(value));
  if (undefinedClasses.length > 0) {
    throw invalidInput(
      `classes ${undefinedClasses.join(', ')} are not classes of the dataset (${[...defined].join(', ')})`,
      {
        unknown: undefinedClasses,
      },
    );
  }
  const allowed = new Set(profile.classes);
  for (const [analysis, classes] of [
    ['particles', profile.particles?.classes ?? []],
    ['thickness', profile.thickness?.classes ?? []],
  ] as const) {
    const unknown = classes.filter((value) => !allowed.has(value));
    if (unknown.length > 0) {
      throw invalidInput(
        `${analysis} classes ${unknown.join(', ')} are not among the profile's classes ${profile.classes.join(', ')}`,
        {
          analysis,
          unknown,
        },
      );
    }
  }
}

/** sha256 of the profile's canonical JSON (sorted keys): equal profiles hash equal however they were written. */
export function profileHash(profile: MeasurementProfile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The pixel size a measurement uses under the profile's policy, and where it came from; null
 * means results in pixels (never a guessed unit).
 */
export function effectivePixelSize(
  profile: MeasurementProfile,
  image: Pick<MaskToMeasure, 'pixelSize' | 'pixelSizeSource'>,
): { size: PixelSizeValue; source: MeasurementPixelSizeSource | null } | null {
  switch (profile.pixelSize.policy) {
    case 'image':
      return image.pixelSize ? { size: image.pixelSize, source: image.pixelSizeSource } : null;
    case 'pixels':
      return null;
    case 'fixed':
      return profile.pixelSize.fixed ? { size: profile.pixelSize.fixed, source: 'profile' } : null;
  }
}
