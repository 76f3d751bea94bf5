import { type Image, type Mask, type PixelSizeSource, type PixelSizeValue, type Principal, type UploadTicket, fileNameProblem } from '@microseg/contracts';
import { MicroSegError, invalidInput, isMicroSegError, notFound } from '@microseg/errors';
import { type ClassDefinition, type DecodeBudget, type DecoderOptions, type ImageInfo, type PixelSizeOrigin, decodeMemoryBytes, inspectImage, encodeNormalisedPng, renderThumbnail } from '@microseg/micrograph';
import type { ObjectStore } from '@microseg/storage';
import type pLimit from 'p-limit';
import type { DatasetAccess } from './dataset-access.ts';
import { type ImageRepository, limsIdConflict } from './image.repository.ts';
import type { MaskIngest, PreparedMask } from './mask-ingest.ts';
import { objectKeys } from './object-keys.ts';
import type { UploadTickets } from './upload-tickets.ts';
import type { UploadedBytes } from './uploaded-bytes.ts';
import type { UploadRow } from './upload.repository.ts';

/** The image's pixel size source for each place inspectImage reads one (`tiff`: the resolution tags). */
const SOURCE_OF_ORIGIN = { fei_tag: 'fei_tag', zeiss_tag: 'zeiss_tag', tiff_resolution: 'tiff' } as const satisfies Record<PixelSizeOrigin, PixelSizeSource>;

export interface ImageUploadRequest {
  datasetId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  contentType?: string | undefined;
  expiresInSeconds: number;
  mask?: { fileName: string; sizeBytes: number; sha256: string } | undefined;
}

export interface ImageCompletion {
  uploadId: string;
  name?: string | undefined;
  limsId?: string | undefined;
  pixelSize?: PixelSizeValue | undefined;
  metadata: Record<string, string>;
  parts?: UploadedParts;
  mask?: { uploadId: string; parts?: UploadedParts } | undefined;
}

type UploadedParts = { partNumber: number; etag: string }[] | undefined;

export interface CompletedImage {
  image: Image;
  deduplicated: boolean;
  mask: Mask | null;
}

/**
 * The name an image gets when the upload names none: its file name without the extension. The
 * file name passed the file-name rule, but without its extension it can still be a dot segment
 * ("..png" -> "."), and names are file names again on export.
 */
function defaultImageName(fileName: string): string {
  const name = fileName.replace(/\.[^.]*$/, '') || fileName;
  const problem = fileNameProblem(name);
  if (problem) {
    throw invalidInput(`fileName "${fileName}" gives the image name "${name}", which ${problem}: name the image`, {
      problem: 'unsafe-name',
      field: 'fileName',
    });
  }
  return name;
}

/**
 * Images in: a presigned upload, then completion: verify the bytes, dedupe, decode and validate,
 * write the normalised copy and thumbnail, and record the image with its `image.uploaded` event.
 * Whatever is refused leaves no object and no row behind.
 */
export class ImageIngest {
  constructor(
    private readonly deps: {
      access: DatasetAccess;
      images: ImageRepository;
      tickets: UploadTickets;
      masks: MaskIngest;
      bytes: UploadedBytes;
      store: ObjectStore;
      decoder: DecoderOptions;
      /** Bounds how many uploads are read at once, and so the file bytes held in memory. */
      slots: ReturnType<typeof pLimit>;
      /** Bounds the memory the decodes hold together. */
      budget: DecodeBudget;
    },
  ) {}

  async createUpload(principal: Principal, request: ImageUploadRequest): Promise<UploadTicket> {
    const { row } = await this.deps.access.writable(principal, request.datasetId);
    const existing = await this.deps.images.findBySha256(row.id, request.sha256);
    const { ticket } = await this.deps.tickets.issue(principal, {
      datasetId: row.id,
      imageId: null,
      purpose: 'image',
      objectKey: (uploadId) => objectKeys.imageOriginal(row.group_id, row.id, uploadId, request.fileName),
      fileName: request.fileName,
      contentType: request.contentType,
      sizeBytes: request.sizeBytes,
      sha256: request.sha256,
      expiresInSeconds: request.expiresInSeconds,
    });
    const mask = request.mask
      ? await this.deps.masks.issue(principal, { datasetId: row.id, groupId: row.group_id, imageId: null }, { ...request.mask, expiresInSeconds: request.expiresInSeconds })
      : null;
    return { ...ticket, existingImageId: existing?.id ?? null, mask: mask && { ...mask, mask: null } };
  }

  async complete(principal: Principal, input: ImageCompletion): Promise<CompletedImage> {
    const { bytes, images, access } = this.deps;
    const upload = await bytes.pending(principal.groupId, input.uploadId, 'image');
    const maskUpload = input.mask ? await this.maskUploadOf(principal, upload, input.mask.uploadId) : undefined;
    if (upload.status === 'completed' && upload.result_id) return this.completedEarlier(upload, maskUpload);
    const { row: dataset } = await access.writable(principal, upload.dataset_id);
    const name = input.name ?? defaultImageName(upload.file_name);
    const derived = { normalised: objectKeys.imageNormalised(dataset.group_id, dataset.id, upload.id), thumbnail: objectKeys.imageThumbnail(dataset.group_id, dataset.id, upload.id) };
    const writtenKeys: string[] = [];
    // The file is held in memory from reading to the last decode: all of it happens inside a slot.
    const prepared = await this.deps.slots(async () => {
      const content = await bytes.read(upload, input.parts);
      const existing = await images.findBySha256(dataset.id, upload.expected_sha256);
      if (existing) return { kind: 'duplicate' as const, existing };
      const { budget, decoder } = this.deps;
      let info: ImageInfo;
      let thumbnail: Buffer;
      try {
        info = await inspectImage(content, decoder);
        // The one pass that decodes the file whole: a broken file is refused here.
        thumbnail = await budget.run(decodeMemoryBytes(info, 'streamed'), () => renderThumbnail(content, info, decoder));
      } catch (error) {
        throw isMicroSegError(error) && error.code === 'INVALID_INPUT' ? await bytes.refuse(upload, error) : error;
      }
      const normalised = info.isNormalisedPng
        ? { key: upload.object_key, sha256: upload.expected_sha256 }
        : await budget.run(decodeMemoryBytes(info, 'reencoded'), async () =>
            this.put(upload.bucket, derived.normalised, await encodeNormalisedPng(content, info, decoder), 'image/png', writtenKeys),
          );
      return { kind: 'decoded' as const, info, normalised, thumbnail };
    });
    const classes = dataset.classes;
    if (prepared.kind === 'duplicate') {
      const mask = maskUpload && input.mask ? await this.prepareMask(upload, maskUpload, input.mask.parts, prepared.existing, classes, writtenKeys) : undefined;
      return this.deduplicate(principal, upload, prepared.existing, input.limsId, mask);
    }
    const { info, normalised } = prepared;
    const mask = maskUpload && input.mask ? await this.prepareMask(upload, maskUpload, input.mask.parts, info, classes, writtenKeys) : undefined;
    try {
      const thumbnail = await this.put(upload.bucket, derived.thumbnail, prepared.thumbnail, 'image/jpeg', writtenKeys);
      const pixelSize = input.pixelSize
        ? { size: input.pixelSize, source: 'upload' as const }
        : info.pixelSize
          ? { size: info.pixelSize, source: SOURCE_OF_ORIGIN[info.pixelSizeOrigin ?? 'tiff_resolution'] }
          : dataset.default_pixel_size_value !== null && dataset.default_pixel_size_unit !== null
            ? { size: { value: dataset.default_pixel_size_value, unit: dataset.default_pixel_size_unit }, source: 'dataset' as const }
            : undefined;
      const committed = await images.insertImage(
        {
          dataset_id: dataset.id,
          group_id: dataset.group_id,
          upload_id: upload.id,
          name,
          file_name: upload.file_name,
          format: info.format,
          lossy: info.lossy,
          width: info.width,
          height: info.height,
          channels: info.channels,
          bit_depth: info.bitDepth,
          pixel_size_value: pixelSize?.size.value ?? null,
          pixel_size_unit: pixelSize?.size.unit ?? null,
          pixel_size_source: pixelSize?.source ?? null,
          sha256: upload.expected_sha256,
          size_bytes: Number(upload.expected_size),
          metadata: JSON.stringify(input.metadata),
          lims_id: input.limsId ?? null,
          bucket: upload.bucket,
          original_key: upload.object_key,
          normalised_key: normalised.key,
          normalised_sha256: normalised.sha256,
          thumbnail_key: thumbnail.key,
          thumbnail_sha256: thumbnail.sha256,
          deleted_at: null,
          deleted_by: null,
        },
        {
          datasetId: dataset.id,
          groupId: dataset.group_id,
          sha256: upload.expected_sha256,
          width: info.width,
          height: info.height,
          channels: info.channels,
          bitDepth: info.bitDepth,
          original: { bucket: upload.bucket, key: upload.object_key, sha256: upload.expected_sha256 },
          normalised: { bucket: upload.bucket, key: normalised.key, sha256: normalised.sha256 },
          thumbnail: { bucket: upload.bucket, key: thumbnail.key, sha256: thumbnail.sha256 },
        },
        mask && { values: mask.values, memberId: principal.memberId },
      );
      this.deps.bytes.finished(upload, 'stored');
      if (mask) this.deps.bytes.finished(mask.upload, 'stored');
      return { ...committed, deduplicated: false };
    } catch (error) {
      await bytes.removeQuietly(upload.bucket, writtenKeys);
      // The same bytes completed concurrently through another upload: that image is the answer.
      if (error instanceof MicroSegError && error.details['constraint'] === 'images_dataset_sha256') {
        const twin = await images.findBySha256(dataset.id, upload.expected_sha256);
        if (twin) return this.deduplicate(principal, upload, twin, input.limsId, mask);
      }
      throw error;
    }
  }

  /** The mask upload made with this image upload (by createImageUpload): same group, dataset, no image yet. */
  private async maskUploadOf(principal: Principal, upload: UploadRow, maskUploadId: string): Promise<UploadRow> {
    const mask = await this.deps.bytes.pending(principal.groupId, maskUploadId, 'mask');
    if (mask.image_id !== null || mask.dataset_id !== upload.dataset_id) {
      throw invalidInput(`mask upload ${maskUploadId} was not made with an image upload of this dataset: create both with createImageUpload`, {
        problem: 'mask-upload-mismatch',
        uploadId: upload.id,
        maskUploadId,
      });
    }
    return mask;
  }

  /** A retried completion answers as the first did; a mask that was not part of it is refused, not dropped. */
  private async completedEarlier(upload: UploadRow, maskUpload: UploadRow | undefined): Promise<CompletedImage> {
    const { images } = this.deps;
    const image = await images.find(upload.result_id ?? '');
    if (!image) throw notFound('image', upload.result_id ?? '');
    const deduplicated = image.original.key !== upload.object_key;
    if (!maskUpload) return { image, deduplicated, mask: null };
    const mask = maskUpload.status === 'completed' && maskUpload.result_id ? await images.findMask(maskUpload.result_id) : undefined;
    if (!mask || mask.imageId !== image.id) {
      throw invalidInput(`image upload ${upload.id} was completed without mask upload ${maskUpload.id}: upload the mask with createMaskUpload`, {
        problem: 'upload-completed',
        uploadId: upload.id,
        maskUploadId: maskUpload.id,
      });
    }
    return { image, deduplicated, mask };
  }

  /**
   * Validates the mask against the image it will belong to. A refused mask refuses its image
   * upload too (an image and its mask are one operation): neither object is left behind.
   */
  private async prepareMask(
    upload: UploadRow,
    maskUpload: UploadRow,
    parts: UploadedParts,
    image: { width: number; height: number },
    classes: ClassDefinition[],
    writtenKeys: readonly string[],
  ): Promise<PreparedMask> {
    try {
      return await this.deps.masks.prepare(maskUpload, parts, image, classes, { source: 'ground_truth', modelVersionId: null });
    } catch (error) {
      if (isMicroSegError(error) && error.code === 'INVALID_INPUT') {
        await this.deps.bytes.refuse(upload, error, writtenKeys);
        await this.deps.bytes.refuse(maskUpload, error);
      } else {
        await this.deps.bytes.removeQuietly(upload.bucket, writtenKeys);
      }
      throw error;
    }
  }

  /**
   * Bytes the dataset already holds: the upload ends on the existing image, with what it brought
   * (a LIMS id for an image without one, a mask); a LIMS id other than the image's is a CONFLICT.
   */
  private async deduplicate(
    principal: Principal,
    upload: UploadRow,
    existing: Image,
    limsId: string | undefined,
    mask: PreparedMask | undefined,
  ): Promise<CompletedImage> {
    const { bytes, images } = this.deps;
    if (limsId !== undefined && existing.limsId !== null && existing.limsId !== limsId) {
      const conflict = limsIdConflict(existing.id, existing.limsId, limsId);
      if (mask) await bytes.removeQuietly(upload.bucket, mask.writtenKeys);
      throw await bytes.refuse(upload, conflict);
    }
    try {
      const committed = await images.completeAsDuplicate({ uploadId: upload.id, image: existing, limsId, mask: mask && { values: mask.values, memberId: principal.memberId } });
      await bytes.removeQuietly(upload.bucket, [upload.object_key]);
      bytes.finished(upload, 'deduplicated');
      if (mask) bytes.finished(mask.upload, 'stored');
      return { ...committed, deduplicated: true };
    } catch (error) {
      if (mask) await bytes.removeQuietly(upload.bucket, mask.writtenKeys);
      // A LIMS id taken meanwhile (by this image or another): the bytes are not needed again.
      throw isMicroSegError(error) && error.code === 'CONFLICT' ? await bytes.refuse(upload, error) : error;
    }
  }

  private async put(bucket: string, key: string, body: Buffer, contentType: string, written: string[]) {
    const stored = await this.deps.store.putObject(bucket, key, body, { contentType, size: body.length });
    written.push(key);
    return { key, sha256: stored.sha256 };
  }
}
