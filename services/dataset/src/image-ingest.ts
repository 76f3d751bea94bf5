import { type Image, type PixelSizeSource, type PixelSizeValue, type Principal, type UploadTicket, fileNameProblem } from '@microseg/contracts';
import { MicroSegError, invalidInput, isMicroSegError, notFound } from '@microseg/errors';
import { type DecodeBudget, type DecoderOptions, type ImageInfo, type PixelSizeOrigin, decodeMemoryBytes, inspectImage, encodeNormalisedPng, renderThumbnail } from '@microseg/micrograph';
import type { ObjectStore } from '@microseg/storage';
import type pLimit from 'p-limit';
import type { DatasetAccess } from './dataset-access.ts';
import type { ImageRepository } from './image.repository.ts';
import { objectKeys } from './object-keys.ts';
import type { UploadTickets } from './upload-tickets.ts';
import type { UploadedBytes } from './uploaded-bytes.ts';
import type { UploadRepository } from './upload.repository.ts';

/** The image's pixel size source for each place inspectImage reads one (`tiff`: the resolution tags). */
const SOURCE_OF_ORIGIN = { fei_tag: 'fei_tag', zeiss_tag: 'zeiss_tag', tiff_resolution: 'tiff' } as const satisfies Record<PixelSizeOrigin, PixelSizeSource>;

export interface ImageUploadRequest {
  datasetId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  contentType?: string | undefined;
  expiresInSeconds: number;
}

export interface ImageCompletion {
  uploadId: string;
  name?: string | undefined;
  limsId?: string | undefined;
  pixelSize?: PixelSizeValue | undefined;
  metadata: Record<string, string>;
  parts?: { partNumber: number; etag: string }[] | undefined;
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
      uploads: UploadRepository;
      tickets: UploadTickets;
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
    return { ...ticket, existingImageId: existing?.id ?? null };
  }

  async complete(principal: Principal, input: ImageCompletion): Promise<{ image: Image; deduplicated: boolean }> {
    const { bytes, images, access } = this.deps;
    const upload = await bytes.pending(principal.groupId, input.uploadId, 'image');
    if (upload.status === 'completed' && upload.result_id) {
      const image = await images.find(upload.result_id);
      if (!image) throw notFound('image', upload.result_id);
      return { image, deduplicated: image.original.key !== upload.object_key };
    }
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
    if (prepared.kind === 'duplicate') return this.deduplicate(upload, prepared.existing);
    const { info, normalised } = prepared;
    try {
      const thumbnail = await this.put(upload.bucket, derived.thumbnail, prepared.thumbnail, 'image/jpeg', writtenKeys);
      const pixelSize = input.pixelSize
        ? { size: input.pixelSize, source: 'upload' as const }
        : info.pixelSize
          ? { size: info.pixelSize, source: SOURCE_OF_ORIGIN[info.pixelSizeOrigin ?? 'tiff_resolution'] }
          : dataset.default_pixel_size_value !== null && dataset.default_pixel_size_unit !== null
            ? { size: { value: dataset.default_pixel_size_value, unit: dataset.default_pixel_size_unit }, source: 'dataset' as const }
            : undefined;
      const image = await images.insertImage(
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
      );
      return { image, deduplicated: false };
    } catch (error) {
      await bytes.removeQuietly(upload.bucket, writtenKeys);
      // The same bytes completed concurrently through another upload: that image is the answer.
      if (error instanceof MicroSegError && error.details['constraint'] === 'images_dataset_sha256') {
        const twin = await images.findBySha256(dataset.id, upload.expected_sha256);
        if (twin) return this.deduplicate(upload, twin);
      }
      throw error;
    }
  }

  private async deduplicate(upload: { id: string; bucket: string; object_key: string }, existing: Image) {
    await this.deps.bytes.removeQuietly(upload.bucket, [upload.object_key]);
    await this.deps.uploads.markDeduplicated(upload.id, existing.id);
    return { image: existing, deduplicated: true };
  }

  private async put(bucket: string, key: string, body: Buffer, contentType: string, written: string[]) {
    const stored = await this.deps.store.putObject(bucket, key, body, { contentType, size: body.length });
    written.push(key);
    return { key, sha256: stored.sha256 };
  }
}
