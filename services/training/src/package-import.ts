import { randomUUID } from 'node:crypto';
import { type ModelVersion, type Principal, type ShareTargetCheck, type Visibility, PRIVATE, requireRole } from '@microseg/contracts';
import { invalidInput, notFound } from '@microseg/errors';
import { importPackage } from '@microseg/model-package';
import type { ObjectStore } from '@microseg/storage';
import type { Client } from 'minio';
import type { PackageUploadsRepository } from './package-uploads.repository.ts';
import type { RegistryRepository } from './registry.repository.ts';
import { readObject } from './s3-client.ts';

const UPLOAD_SECONDS = 900;
/** The import reads the zip into memory: far above UNet-EfficientNet-B7 (~270 MB of ONNX weights). */
const MAX_PACKAGE_BYTES = 1024 ** 3;
/**
 * An imported version was trained elsewhere: it has no dataset in this platform, so its dataset
 * reference is the nil UUID and its content hash is the package's sha256 (what it was made from).
 */
const NO_DATASET = '00000000-0000-0000-0000-000000000000';

/**
 * Imports bioimage.io model packages as registry versions that run on ONNX Runtime: the client PUTs
 * the zip to a presigned URL; the import verifies the upload, checks the package (sha256s, test output
 * reproduced) while writing it as an ONNX-only artifact, then registers the version.
 */
export class PackageImport {
  constructor(
    private readonly deps: {
      uploads: PackageUploadsRepository;
      registry: RegistryRepository;
      store: ObjectStore;
      client: Client;
      bucket: string;
      shareTargets: ShareTargetCheck;
    },
  ) {}

  async createUpload(principal: Principal, input: { fileName: string; sizeBytes: number; sha256: string }) {
    requireRole(principal, 'member');
    if (!/\.zip$/i.test(input.fileName)) throw invalidInput('a bioimage.io model package is a .zip file', { fileName: input.fileName });
    if (input.sizeBytes > MAX_PACKAGE_BYTES) throw invalidInput(`model packages are at most ${MAX_PACKAGE_BYTES} bytes`, { sizeBytes: input.sizeBytes, maxBytes: MAX_PACKAGE_BYTES });
    const id = randomUUID();
    const key = `packages/${principal.groupId}/${id}.zip`;
    const expiresAt = new Date(Date.now() + UPLOAD_SECONDS * 1000);
    await this.deps.uploads.create({
      id,
      group_id: principal.groupId,
      created_by: principal.memberId,
      file_name: input.fileName,
      size_bytes: input.sizeBytes,
      sha256: input.sha256,
      bucket: this.deps.bucket,
      key,
      expires_at: expiresAt,
      version_id: null,
    });
    const url = await this.deps.store.presignedPut(this.deps.bucket, key, { expirySeconds: UPLOAD_SECONDS });
    return { uploadId: id, url, expiresAt: expiresAt.toISOString() };
  }

  async import(
    principal: Principal,
    input: { uploadId: string; modelName?: string | undefined; material?: string | undefined; visibility?: Visibility | undefined },
  ): Promise<ModelVersion> {
    requireRole(principal, 'member');
    if (input.visibility) await this.deps.shareTargets(principal, input.visibility);
    const upload = await this.deps.uploads.find(input.uploadId);
    if (!upload || upload.group_id !== principal.groupId) throw notFound('package upload', input.uploadId);
    if (!upload.version_id) {
      await this.deps.store.verifyObject({ bucket: upload.bucket, key: upload.key }, { sha256: upload.sha256, size: Number(upload.size_bytes) });
    }
    const existing = upload.version_id ? await this.deps.registry.findVersionRow(upload.version_id) : undefined;
    if (existing) return (await this.deps.registry.toVersions([existing]))[0]!;

    // Each upload gets its own prefix: a retried import rewrites it, and no version points at it before the transaction.
    const prefix = `models/${principal.groupId}/imported/${upload.id}`;
    const zip = await readObject(this.deps.client, upload.bucket, upload.key);
    const { manifest, rdf } = await importPackage(zip, { client: this.deps.client, bucket: this.deps.bucket, prefix }, { overwrite: true, ...(input.modelName ? { name: input.modelName } : {}) });
    const binary = manifest.test.output.shape[3] === 1;
    const material = input.material ?? '';
    const valIou = manifest.metrics['valIou'];
    const testIou = manifest.metrics['testIou'];
    // Metrics the package recorded (MicroSeg exports carry them); images 0: not evaluated on this platform.
    const split = (iou: number) => ({ iou, meanClassIou: null, images: 0, perClass: [] });
    const row = await this.deps.uploads.register(
      upload.id,
      { groupId: principal.groupId, name: manifest.name, classes: manifest.classes, material },
      {
        groupId: principal.groupId,
        architecture: manifest.architecture,
        encoder: manifest.encoder,
        classes: manifest.classes,
        binary,
        material,
        // The package's own conventions (a MicroSeg export carries them in config.microseg).
        classRule: manifest.classRule,
        sixteenBitInput: manifest.input.sixteenBit,
        metrics: { val: split(valIou ?? 0), test: testIou === undefined ? null : split(testIou) },
        config: {
          origin: { format: 'bioimageio', formatVersion: rdf.format_version, name: rdf.name, sha256: upload.sha256, fileName: upload.file_name, license: rdf.license, authors: rdf.authors, cite: rdf.cite },
          engine: 'onnx',
          input: manifest.input,
          tile: manifest.tile,
        },
        dataset: { datasetId: NO_DATASET, versionId: NO_DATASET, contentHash: upload.sha256, experiment: 'bioimageio-import' },
        parent: { kind: 'random', id: null, name: `bioimage.io package ${rdf.name}` },
        codeVersion: manifest.codeVersion,
        seed: 0,
        durationSeconds: 0,
        workerKind: 'cpu',
        artifact: { bucket: this.deps.bucket, prefix },
        jobId: null,
      },
      input.visibility ?? PRIVATE,
    );
    return (await this.deps.registry.toVersions([(await this.deps.registry.findVersionRow(row.id))!]))[0]!;
  }
}
