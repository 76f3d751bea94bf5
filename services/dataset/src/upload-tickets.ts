import type { Principal, UploadTicket } from '@microseg/contracts';
import { invalidInput } from '@microseg/errors';
import type { ObjectStore } from '@microseg/storage';
import type { MultipartUploads } from './multipart-uploads.ts';
import type { UploadMetrics } from './upload-metrics.ts';
import type { UploadRepository, UploadRow } from './upload.repository.ts';

export interface UploadTicketSettings {
  bucket: string;
  maxUploadBytes: number;
  multipartThresholdBytes: number;
}

export interface TicketRequest {
  datasetId: string;
  imageId: string | null;
  purpose: 'image' | 'mask';
  objectKey: (uploadId: string) => string;
  fileName: string;
  contentType: string | undefined;
  sizeBytes: number;
  sha256: string;
  expiresInSeconds: number;
  /** Signed for the store's in-cluster endpoint (a platform service uploads), not the public one. */
  internal?: boolean | undefined;
}

/** Hands out presigned PUT URLs (one, or one per part above the multipart threshold). */
export class UploadTickets {
  constructor(
    private readonly deps: { uploads: UploadRepository; store: ObjectStore; multipart: MultipartUploads; settings: UploadTicketSettings; metrics?: UploadMetrics },
  ) {}

  async issue(principal: Principal, request: TicketRequest): Promise<{ upload: UploadRow; ticket: UploadTicket }> {
    const { uploads, store, multipart, settings } = this.deps;
    if (request.sizeBytes > settings.maxUploadBytes) {
      const tooLarge = invalidInput(`the file is ${request.sizeBytes} bytes, above the limit of ${settings.maxUploadBytes}`, {
        problem: 'file-too-large',
        sizeBytes: request.sizeBytes,
        maxBytes: settings.maxUploadBytes,
      });
      this.deps.metrics?.refused(request.purpose, tooLarge, request.sizeBytes);
      throw tooLarge;
    }
    const uploadId = crypto.randomUUID();
    const key = request.objectKey(uploadId);
    const expiresAt = new Date(Date.now() + request.expiresInSeconds * 1_000);
    const partSize = settings.multipartThresholdBytes;
    const multipartTicket =
      request.sizeBytes > partSize
        ? await multipart.start(settings.bucket, key, Math.ceil(request.sizeBytes / partSize), request.expiresInSeconds, request.internal ?? false)
        : undefined;
    const url = multipartTicket
      ? null
      : await store.presignedPut(settings.bucket, key, { expirySeconds: request.expiresInSeconds, internal: request.internal ?? false });
    const upload = await uploads.create({
      id: uploadId,
      group_id: principal.groupId,
      dataset_id: request.datasetId,
      image_id: request.imageId,
      purpose: request.purpose,
      bucket: settings.bucket,
      object_key: key,
      file_name: request.fileName,
      content_type: request.contentType ?? null,
      expected_size: request.sizeBytes,
      expected_sha256: request.sha256,
      multipart_upload_id: multipartTicket?.uploadId ?? null,
      expires_at: expiresAt,
      status: 'pending',
      result_id: null,
      failure: null,
      created_by: principal.memberId,
      completed_at: null,
    });
    return {
      upload,
      ticket: {
        uploadId,
        url,
        expiresAt: expiresAt.toISOString(),
        existingImageId: null,
        mask: null,
        multipart: multipartTicket ? { partSizeBytes: partSize, parts: multipartTicket.parts } : null,
      },
    };
  }
}
