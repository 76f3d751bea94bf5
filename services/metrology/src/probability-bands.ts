import { createHash } from 'node:crypto';
import { type MaskToMeasure, type ProbabilityBandManifest, probabilityBandKeys, probabilityBandManifestSchema } from '@microseg/contracts';
import { invalidInput, isMicroSegError } from '@microseg/errors';
import { type IndexMask, decodeIndexMask } from '@microseg/metrology';
import type { ObjectStore } from '@microseg/storage';

export interface ProbabilityBandMasks {
  manifest: ProbabilityBandManifest;
  lower: IndexMask;
  upper: IndexMask;
}

/**
 * Reads the probability band the inference service stored beside a model mask (see
 * probabilityBandKeys). A mask without one (ground truth, an uploaded mask, a model mask from
 * before bands) answers null; a band whose bytes differ from its manifest is a bad band, refused
 * like a bad mask.
 */
export class ProbabilityBands {
  constructor(
    private readonly store: ObjectStore,
    /** The inference service's bucket. */
    private readonly bucket: string,
  ) {}

  async of(mask: MaskToMeasure): Promise<ProbabilityBandMasks | null> {
    if (mask.source !== 'model' || !mask.modelVersionId) return null;
    const keys = probabilityBandKeys({ groupId: mask.groupId, imageId: mask.imageId, modelVersionId: mask.modelVersionId, maskSha256: mask.index.sha256 });
    let manifest: ProbabilityBandManifest;
    try {
      manifest = probabilityBandManifestSchema.parse(JSON.parse((await this.read(keys.manifest)).toString('utf8')));
    } catch (error) {
      if (isMicroSegError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
    const [lower, upper] = await Promise.all([this.readMask(manifest.lower), this.readMask(manifest.upper)]);
    for (const band of [lower, upper]) {
      if (band.width !== mask.width || band.height !== mask.height) {
        throw invalidInput(`probability band is ${band.width}x${band.height}, its mask ${mask.width}x${mask.height}`, {
          band: [band.width, band.height],
          mask: [mask.width, mask.height],
        });
      }
    }
    return { manifest, lower, upper };
  }

  private async readMask(ref: { key: string; sha256: string }): Promise<IndexMask> {
    const bytes = await this.read(ref.key);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== ref.sha256) {
      throw invalidInput(`probability band object ${ref.key} does not hold the mask its manifest names`, { expected: ref.sha256, actual });
    }
    return decodeIndexMask(bytes);
  }

  private async read(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.getObject(this.bucket, key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
