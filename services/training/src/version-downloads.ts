import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelDownload, ModelDownloadFormat, Principal } from '@microseg/contracts';
import { invalidInput, isMicroSegError } from '@microseg/errors';
import { ArtifactErrorReason, MANIFEST_FILE, copyArtifact, readManifest } from '@microseg/model-artifact';
import { EXPORTER_VERSION, exportPackage } from '@microseg/model-package';
import type { ObjectStore } from '@microseg/storage';
import type { Client } from 'minio';
import { intervalCalibrationCardSection } from './interval-calibration-card.ts';
import { oodCardSection } from './ood-card.ts';
import type { Registry } from './registry.ts';
import type { RegistryRepository } from './registry.repository.ts';
import { readObject } from './s3-client.ts';

const URL_SECONDS = 900;

/**
 * Presigned downloads of registry versions. ONNX weights are the artifact's own model.onnx; a
 * bioimage.io package or an artifact tarball is built on first request and kept under a key derived
 * from the artifact's manifest (which holds every file's sha256) and what else went into it, so a
 * version is packaged once and a changed model card makes a new package.
 */
export class VersionDownloads {
  constructor(
    private readonly deps: {
      registry: Registry;
      repository: RegistryRepository;
      store: ObjectStore;
      client: Client;
      bucket: string;
      /** The owning group's name (the package's author), asked of the identity service. */
      groupName: (principal: Principal, groupId: string) => Promise<string | undefined>;
    },
  ) {}

  async download(principal: Principal, id: string, format: ModelDownloadFormat): Promise<ModelDownload> {
    const row = await this.deps.registry.readableVersion(principal, id);
    const [version] = await this.deps.repository.toVersions([row]);
    const location = { client: this.deps.client, bucket: row.artifact_bucket, prefix: row.artifact_prefix };
    const base = `${version!.modelName.replace(/[^A-Za-z0-9._-]+/g, '-')}-v${row.number}`;
    let object: { bucket: string; key: string; sha256: string; size: number };
    let fileName: string;
    if (format === 'onnx') {
      const manifest = await readManifest(location);
      if (!manifest.onnx) throw invalidInput(`version ${id} has no ONNX weights (saved before ONNX export)`, { reason: ArtifactErrorReason.ONNX_MISSING });
      const key = `${row.artifact_prefix}/${manifest.onnx.file}`;
      const info = await this.deps.store.statObject(row.artifact_bucket, key);
      object = { bucket: row.artifact_bucket, key, sha256: manifest.files[manifest.onnx.file]!, size: info.size };
      fileName = `${base}.onnx`;
    } else {
      const manifestSha = createHash('sha256').update(await readObject(this.deps.client, row.artifact_bucket, `${row.artifact_prefix}/${MANIFEST_FILE}`)).digest('hex');
      if (format === 'bioimageio') {
        const model = await this.deps.repository.findModelRow(row.model_id);
        const author = (await this.deps.groupName(principal, row.group_id)) ?? 'MicroSeg';
        const card = [model?.card.markdown.trim() ?? '', oodCardSection(row.ood_calibration), intervalCalibrationCardSection(row.interval_calibration, version!.classes)]
          .filter(Boolean)
          .join('\n\n');
        const key = `downloads/${digest({ manifestSha, exporter: EXPORTER_VERSION, author, card })}/bioimageio.zip`;
        object = await this.cached(key, async () => (await exportPackage(location, { authors: [{ name: author }], card })).zip);
        fileName = `${base}.bioimageio.zip`;
      } else {
        object = await this.cached(`downloads/${manifestSha}/artifact.tar.gz`, () => artifactTarball(location));
        fileName = `${base}.tar.gz`;
      }
    }
    const url = await this.deps.store.presignedGet(object.bucket, object.key, { expirySeconds: URL_SECONDS });
    return { versionId: row.id, format, url, fileName, sha256: object.sha256, sizeBytes: object.size, expiresAt: new Date(Date.now() + URL_SECONDS * 1000).toISOString() };
  }

  /** The object at `key`, made and stored first when missing (two first requests may both make it: same content). */
  private async cached(key: string, make: () => Promise<Uint8Array>) {
    const found = await this.deps.store.statObject(this.deps.bucket, key).catch((error: unknown) => {
      if (isMicroSegError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (found?.sha256) return { bucket: this.deps.bucket, key, sha256: found.sha256, size: found.size };
    const stored = await this.deps.store.putObject(this.deps.bucket, key, await make(), { contentType: key.endsWith('.zip') ? 'application/zip' : 'application/gzip' });
    return { bucket: this.deps.bucket, key, sha256: stored.sha256, size: stored.size };
  }
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

async function artifactTarball(location: Parameters<typeof copyArtifact>[0]): Promise<Uint8Array> {
  const scratch = await mkdtemp(join(tmpdir(), 'microseg-download-'));
  try {
    const path = join(scratch, 'artifact.tar.gz');
    await copyArtifact(location, path);
    return new Uint8Array(await readFile(path));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
