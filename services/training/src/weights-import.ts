import { randomUUID } from 'node:crypto';
import { type ImportedWeights, type Principal, type ShareTargetCheck, type Visibility, PRIVATE, requireRole } from '@microseg/contracts';
import { MicroSegError, invalidInput, notFound } from '@microseg/errors';
import { getEncoder, importCheckpoint, parseMicronetFileName } from '@microseg/segmentation';
import type { ObjectStore } from '@microseg/storage';
import { readCheckpoint } from '@microseg/torch-checkpoint';
import type { Client } from 'minio';
import { readObject } from './s3-client.ts';
import { WeightsRepository } from './weights.repository.ts';

const CHECKPOINT_NAME = /\.(pth|pth\.tar|pt|safetensors)$/i;
const UPLOAD_SECONDS = 900;

/**
 * Imports PyTorch weights (e.g. the MicroNet release encoders) as registry entries others can
 * train from: the client PUTs the file to a presigned URL, completion verifies it, reads it as an
 * untrusted checkpoint and loads it into the network it names before recording it.
 */
export class WeightsImport {
  constructor(
    private readonly deps: {
      weights: WeightsRepository;
      store: ObjectStore;
      client: Client;
      bucket: string;
      shareTargets: ShareTargetCheck;
      /** Loading a checkpoint into a network needs a tfjs backend: started on first import only. */
      ensureBackend: () => Promise<void>;
    },
  ) {}

  async createUpload(principal: Principal, input: { fileName: string; sizeBytes: number; sha256: string }) {
    requireRole(principal, 'member');
    if (!CHECKPOINT_NAME.test(input.fileName)) {
      throw invalidInput('weights must be a PyTorch checkpoint (.pth, .pth.tar, .pt) or safetensors', { fileName: input.fileName });
    }
    const uploadId = randomUUID();
    const key = `weights/${principal.groupId}/${uploadId}/${input.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    const expiresAt = new Date(Date.now() + UPLOAD_SECONDS * 1000);
    await this.deps.weights.createUpload({
      id: uploadId,
      group_id: principal.groupId,
      created_by: principal.memberId,
      file_name: input.fileName,
      size_bytes: input.sizeBytes,
      sha256: input.sha256,
      bucket: this.deps.bucket,
      key,
      expires_at: expiresAt,
      weights_id: null,
    });
    const url = await this.deps.store.presignedPut(this.deps.bucket, key, { expirySeconds: UPLOAD_SECONDS });
    return { uploadId, url, expiresAt: expiresAt.toISOString() };
  }

  async complete(
    principal: Principal,
    input: { uploadId: string; name?: string | undefined; encoder?: string | undefined; architecture?: string | undefined; visibility?: Visibility | undefined },
  ): Promise<ImportedWeights> {
    requireRole(principal, 'member');
    if (input.visibility) await this.deps.shareTargets(principal, input.visibility);
    const upload = await this.deps.weights.findUpload(input.uploadId);
    if (!upload || upload.group_id !== principal.groupId) throw notFound('weights upload', input.uploadId);
    await this.deps.store.verifyObject({ bucket: upload.bucket, key: upload.key }, { sha256: upload.sha256, size: Number(upload.size_bytes) });
    const checkpoint = await readCheckpoint(await readObject(this.deps.client, upload.bucket, upload.key));
    const micronet = parseMicronetFileName(upload.file_name);
    const metadataEncoder = typeof checkpoint.metadata.encoder === 'string' ? checkpoint.metadata.encoder : undefined;
    const encoder = input.encoder ?? micronet?.encoder ?? metadataEncoder;
    if (!encoder) {
      throw invalidInput('the checkpoint does not name its encoder: give one', { fileName: upload.file_name, metadataKeys: Object.keys(checkpoint.metadata) });
    }
    getEncoder(encoder);
    await this.deps.ensureBackend();
    let imported: ReturnType<typeof importCheckpoint>;
    try {
      // A bare encoder is checked inside a UNet; a whole network must be the one it names.
      const wholeModel = [...checkpoint.stateDict.keys()].some((key) => key.startsWith('decoder.') || key.startsWith('segmentation_head.'));
      imported = importCheckpoint(checkpoint, {
        fileName: upload.file_name,
        encoder,
        ...(wholeModel ? (input.architecture ? { architecture: input.architecture } : {}) : { architecture: 'unet', classes: 1 }),
      });
    } catch (error) {
      if (error instanceof MicroSegError && error.code === 'INVALID_INPUT') {
        throw new MicroSegError('INVALID_INPUT', `the checkpoint does not fit encoder ${encoder}: ${error.message}`, { details: { ...error.details, encoder }, cause: error });
      }
      throw error;
    }
    const scope = imported.report.scope;
    imported.model.dispose();
    return this.deps.weights.insertWeights(upload.id, {
      group_id: principal.groupId,
      name: input.name ?? upload.file_name.replace(CHECKPOINT_NAME, ''),
      file_name: upload.file_name,
      scope,
      architecture: scope === 'model' ? (input.architecture ?? null) : null,
      encoder,
      pretraining: micronet?.pretraining ?? null,
      sha256: upload.sha256,
      size_bytes: Number(upload.size_bytes),
      bucket: upload.bucket,
      key: upload.key,
      tensor_count: checkpoint.stateDict.size,
      ...WeightsRepository.visibilityColumns(input.visibility ?? PRIVATE),
    });
  }
}
