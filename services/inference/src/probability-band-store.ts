import { type IntervalCalibration, type ProbabilityBandManifest, probabilityBandKeys } from '@microseg/contracts';
import type { ObjectStore } from '@microseg/storage';
import type { SegmentedImage } from './image-segmenter.ts';

/**
 * Stores a segmentation's probability band where metrology looks for it (see probabilityBandKeys),
 * the PNGs first and the manifest last, so that a manifest always names objects that exist. Keys
 * are deterministic: a redelivered job overwrites the same objects with the same bytes. The
 * version's interval calibration travels with the band, the intervals it widens are made from it.
 */
export async function storeProbabilityBand(
  store: ObjectStore,
  bucket: string,
  mask: { groupId: string; imageId: string; modelVersionId: string },
  segmented: Pick<SegmentedImage, 'band' | 'maskSha256'>,
  intervalCalibration: IntervalCalibration | null,
): Promise<void> {
  const keys = probabilityBandKeys({ ...mask, maskSha256: segmented.maskSha256 });
  const png = { contentType: 'image/png' };
  const [lower, upper] = await Promise.all([
    store.putObject(bucket, keys.lower, segmented.band.lowerPng, png),
    store.putObject(bucket, keys.upper, segmented.band.upperPng, png),
  ]);
  const manifest: ProbabilityBandManifest = {
    low: segmented.band.low,
    high: segmented.band.high,
    classRule: segmented.band.classRule,
    lower: { key: keys.lower, sha256: lower.sha256 },
    upper: { key: keys.upper, sha256: upper.sha256 },
    intervalCalibration,
  };
  await store.putObject(bucket, keys.manifest, Buffer.from(JSON.stringify(manifest)), { contentType: 'application/json' });
}
