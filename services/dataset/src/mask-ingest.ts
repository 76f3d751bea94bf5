import type { Mask, Principal, UploadTicket } from '@microseg/contracts';
import { invalidInput, isMicroSegError, notFound } from '@microseg/errors';
import { type DecodeBudget, type DecoderOptions, decodeMemoryBytes, validateMask } from '@microseg/micrograph';
import type { ObjectStore } from '@microseg/storage';
import type pLimit from 'p-limit';
import type { DatasetAccess } from './dataset-access.ts';
import type { ImageRepository } from './image.repository.ts';
import { objectKeys } from './object-keys.ts';
import type { UploadTickets } from './upload-tickets.ts';
import type { UploadedBytes } from './uploaded-bytes.ts';

export interface MaskCompletion {
  uploadId: string;
  source: 'ground_truth' | 'model';
  modelVersionId?: string | undefined;
  parts?: { partNumber: number; etag: string }[] | undefined;
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
    request: { imageId: string; fileName: string; sizeBytes: number; sha256: string; expiresInSeconds: number },
  ): Promise<UploadTicket> {
    const image = await this.deps.images.find(request.imageId);
    if (!image) throw notFound('image', request.imageId);
    const { row } = await this.deps.access.writable(principal, image.datasetId);
    const { ticket } = await this.deps.tickets.issue(principal, {
      datasetId: row.id,
      imageId: image.id,
      purpose: 'mask',
      objectKey: (uploadId) => objectKeys.maskOriginal(row.group_id, row.id, uploadId, request.fileName),
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
    const image = upload.image_id ? await images.find(upload.image_id) : undefined;
    if (!image) throw notFound('image', upload.image_id ?? '');
    const { row: dataset } = await access.writable(principal, image.datasetId);
    const validated = await this.deps.slots(async () => {
      const content = await bytes.read(upload, input.parts);
      // A mask is read whole, at its image's size (a mask of another size is refused from its
      // header); an 8-bit RGB colour mask is the largest kind.
      const memory = decodeMemoryBytes({ width: image.width, height: image.height, channels: 3, bitDepth: 8 }, 'whole');
      try {
        return await this.deps.budget.run(memory, () =>
          validateMask(content, { ...this.deps.decoder, width: image.width, height: image.height, classes: dataset.classes }),
        );
      } catch (error) {
        throw isMicroSegError(error) && error.code === 'INVALID_INPUT' ? await bytes.refuse(upload, error) : error;
      }
    });
    const indexKey = objectKeys.maskIndex(dataset.group_id, dataset.id, upload.id);
    const index = validated.indexPng
      ? { key: indexKey, sha256: (await this.deps.store.putObject(upload.bucket, indexKey, validated.indexPng, { contentType: 'image/png' })).sha256 }
      : { key: upload.object_key, sha256: upload.expected_sha256 };
    try {
      return await images.insertMask(
        {
          image_id: image.id,
          dataset_id: dataset.id,
          group_id: dataset.group_id,
          upload_id: upload.id,
          source: input.source,
          model_version_id: input.modelVersionId ?? null,
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
        principal.memberId,
        image,
      );
    } catch (error) {
      if (validated.indexPng) await bytes.removeQuietly(upload.bucket, [indexKey]);
      throw error;
    }
  }
}
