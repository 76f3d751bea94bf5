import { describe, expect, it } from 'vitest';
import {
  assertConsistentProfile,
  defaultProfile,
  effectivePixelSize,
  profileHash,
} from './measurement-profile.ts';

const superalloy = {
  classes: [
    { index: 2, name: 'tertiary', color: '#ff0000' },
    { index: 0, name: 'matrix', color: '#000000' },
    { index: 1, name: 'secondary', color: '#0000ff' },
  ],
};

describe('measurement profiles', () => {
  it('measures particles of every non-background class by default, thickness only when asked', () => {
    expect(defaultProfile(superalloy)).toEqual({
      classes: [0, 1, 2],
      particles: { classes: [1, 2], connectivity: 8 },
      thickness: null,
      pixelSize: { policy: 'image', fixed: null },
      histogramBins: 20,
    });
    expect(
      defaultProfile({ classes: [{ index: 0, name: 'background', color: '#000000' }] }).particles,
    ).toBeNull();
  });

  it('hashes equal profiles equally whatever their key order, and different ones differently', () => {
    const profile = defaultProfile(superalloy);
    const reordered = {
      histogramBins: 20,
      pixelSize: { fixed: null, policy: 'image' as const },
      thickness: null,
      particles: { connectivity: 8 as const, classes: [1, 2] },
      classes: [0, 1, 2],
    };
    expect(profileHash(reordered)).toBe(profileHash(profile));
    expect(profileHash({ ...profile, particles: { classes: [1, 2], connectivity: 4 } })).not.toBe(
      profileHash(profile),
    );
  });

  it('refuses analyses of classes the masks may not hold, and classes the dataset does not define', () => {
    const profile = {
      ...defaultProfile(superalloy),
      thickness: { classes: [1, 7], radius: 5, minArea: 1000 },
    };
    expect(() => assertConsistentProfile(profile, superalloy)).toThrow(/thickness classes 7/);
    const beyondDataset = { ...defaultProfile(superalloy), classes: [0, 1, 2, 3] };
    expect(() => assertConsistentProfile(beyondDataset, superalloy)).toThrow(
      /classes 3 are not classes of the dataset/,
    );
  });

  it('takes the pixel size from the image, never, or a fixed calibration, and says where from', () => {
    const profile = defaultProfile(superalloy);
    const image = { pixelSize: { value: 12.5, unit: 'nm' as const }, pixelSizeSource: 'fei_tag' as const };
    expect(effectivePixelSize(profile, image)).toEqual({ size: image.pixelSize, source: 'fei_tag' });
    expect(
      effectivePixelSize({ ...profile, pixelSize: { policy: 'pixels', fixed: null } }, image),
    ).toBeNull();
    const fixed = { value: 0.5, unit: 'um' as const };
    const unknown = { pixelSize: null, pixelSizeSource: null };
    expect(effectivePixelSize({ ...profile, pixelSize: { policy: 'fixed', fixed } }, unknown)).toEqual({
      size: fixed,
      source: 'profile',
    });
    // An image without a known pixel size is measured in pixels: no unit is guessed.
    expect(effectivePixelSize(profile, unknown)).toBeNull();
  });
});
