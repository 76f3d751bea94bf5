import type { Mask, Principal, UploadTicket } from '@microseg/contracts';
import { invalidInput, isMicroSegError, notFound } from '@microseg/errors';
import { type ClassDefinition, type DecodeBudget, type DecoderOptions, decodeMemoryBytes, validateMask } from '@microseg/micrograph';
import type { ObjectStore } from '@microseg/storage';
import type pLimit from 'p-limit';
import type { DatasetAccess } from './dataset-access.ts';
import type { ImageRepository, NewMask } from './image.repository.ts';
import { objectKeys } from './object-keys.ts';
import type { UploadTickets } from './upload-tickets.ts';
import type { UploadedBytes } from './uploaded-bytes.ts';
import type { UploadRow } from './upload.repository.ts';

export interface MaskCompletion {
  uploadId: string;
  source: 'ground_truth' | 'model';
  modelVersionId?: string | undefined;
  parts?: { partNumber: number; etag: string }[] | undefined;
}

/** A mask whose bytes were verified and validated against its image: ready to commit, or to discard. */
export interface PreparedMask {
  /** The mask's own upload. */
  upload: UploadRow;
  values: NewMask;
  /** Objects written for it (the index PNG of a colour mask), to remove if it is not committed. */
  writtenKeys: string[];
}

/** Masks in: the same presigned flow as images, validated against the image and the class schema. */
export class MaskIngest {
  constructor(
    private readonly deps: {
      access: DatasetAccess;
      images: ImageRepository;
      tickets: UploadTickets;
      bytes: UploadedBytes;
      store: ObjectStore;
      decoder: DecoderOptions;
      slots: ReturnType<typeof pLimit>;
      budget: DecodeBudget;
    },
  ) {}

  async createUpload(
    principal: Principal,
    request: { imageId: string; fileName: string; sizeBytes: number; sha256: string; expiresInSeconds: number; internal: boolean },
  ): Promise<UploadTicket> {
    const image = await this.deps.images.find(request.imageId);
    if (!image) throw notFound('image', request.imageId);
    const { row } = await this.deps.access.writable(principal, image.datasetId);
    return this.issue(principal, { datasetId: row.id, groupId: row.group_id, imageId: image.id }, request);
  }

  /** A mask ticket; without an image id, the mask of an image upload (completed with that image). */
  async issue(
    principal: Principal,
    owner: { datasetId: string; groupId: string; imageId: string | null },
    request: { fileName: string; sizeBytes: number; sha256: string; expiresInSeconds: number; internal?: boolean },
  ): Promise<UploadTicket> {
    const { ticket } = await this.deps.tickets.issue(principal, {
      internal: request.internal,
      datasetId: owner.datasetId,
      imageId: owner.imageId,
      purpose: 'mask',
      objectKey: (uploadId) => objectKeys.maskOriginal(owner.groupId, owner.datasetId, uploadId, request.fileName),
      fileName: request.fileName,
      contentType: 'image/png',
      sizeBytes: request.sizeBytes,
      sha256: request.sha256,
      expiresInSeconds: request.expiresInSeconds,
    });
    return ticket;
  }

  async complete(principal: Principal, input: MaskCompletion): Promise<Mask> {
    const { bytes, images, access } = this.deps;
    if ((input.source === 'model') !== (input.modelVersionId !== undefined)) {
      throw invalidInput('a model mask needs its modelVersionId, and only a model mask has one', { problem: 'bad-mask-source' });
    }
    const upload = await bytes.pending(principal.groupId, input.uploadId, 'mask');
    if (upload.status === 'completed' && upload.result_id) {
      const mask = await images.findMask(upload.result_id);
      if (!mask) throw notFound('mask', upload.result_id);
      return mask;
    }
    if (!upload.image_id) {
      throw invalidInput(`mask upload ${upload.id} was made with its image: complete it with completeImageUpload`, {
        problem: 'mask-of-image-upload',
        uploadId: upload.id,
      });
    }
    const image = await images.find(upload.image_id);
    if (!image) throw notFound('image', upload.image_id);
    const { row: dataset } = await access.writable(principal, image.datasetId);
    const prepared = await this.prepare(upload, input.parts, image, dataset.classes, { source: input.source, modelVersionId: input.modelVersionId ?? null });
    try {
      const mask = await images.insertMask({ ...prepared.values, image_id: image.id }, principal.memberId, image);
      bytes.finished(upload, 'stored');
      return mask;
    } catch (error) {
      await bytes.removeQuietly(upload.bucket, prepared.writtenKeys);
      throw error;
    }
  }

  /**
   * Reads the upload's bytes and validates them as a mask of an image of that size with these
   * classes; a refused mask leaves no object and marks its upload failed.
   */
  async prepare(
    upload: UploadRow,
    parts: MaskCompletion['parts'],
    image: { width: number; height: number },
    classes: readonly ClassDefinition[],
    origin: { source: 'ground_truth' | 'model'; modelVersionId: string | null },
  ): Promise<PreparedMask> {
    const { bytes } = this.deps;
    const validated = await this.deps.slots(async () => {
      const content = await bytes.read(upload, parts);
      // A mask is read whole, at its image's size (a mask of another size is refused from its
      // header); an 8-bit RGB colour mask is the largest kind.
      const memory = decodeMemoryBytes({ width: image.width, height: image.height, channels: 3, bitDepth: 8 }, 'whole');
      try {
        return await this.deps.budget.run(memory, () =>
          validateMask(content, { ...this.deps.decoder, width: image.width, height: image.height, classes: [...classes] }),
        );
      } catch (error) {
        throw isMicroSegError(error) && error.code === 'INVALID_INPUT' ? await bytes.refuse(upload, error) : error;
      }
    });
    const indexKey = objectKeys.maskIndex(upload.group_id, upload.dataset_id, upload.id);
    const index = validated.indexPng
      ? { key: indexKey, sha256: (await this.deps.store.putObject(upload.bucket, indexKey, validated.indexPng, { contentType: 'image/png' })).sha256 }
      : { key: upload.object_key, sha256: upload.expected_sha256 };
    return {
      upload,
      writtenKeys: validated.indexPng ? [indexKey] : [],
      values: {
        dataset_id: upload.dataset_id,
        group_id: upload.group_id,
        upload_id: upload.id,
        source: origin.source,
        model_version_id: origin.modelVersionId,
        kind: validated.kind,
        sha256: upload.expected_sha256,
        class_pixels: JSON.stringify(validated.classPixels),
        bucket: upload.bucket,
        original_key: upload.object_key,
        index_key: index.key,
        index_sha256: index.sha256,
        deleted_at: null,
        deleted_by: null,
      },
    };
  }
}
