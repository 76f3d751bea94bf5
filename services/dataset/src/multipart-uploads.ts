import { toClientOptions, toSigningClientOptions, toStorageError } from '@microseg/storage';
import { Client } from 'minio';

export interface MultipartConfig {
  url: string;
  /** S3_PUBLIC_ENDPOINT: the part URLs are signed for it. */
  publicUrl?: string | undefined;
  accessKey: string;
  secretKey: string;
  region: string;
}

/**
 * Presigned multipart uploads, for files too large for one PUT: the client puts each part
 * straight into S3 and the service completes the upload. The storage lib offers single presigned
 * PUTs only, so this talks to the minio client for the three multipart calls.
 */
export class MultipartUploads {
  private readonly client: Client;
  private readonly signer: Client;

  constructor(config: MultipartConfig) {
    this.client = new Client(toClientOptions(config));
    this.signer = config.publicUrl === undefined ? this.client : new Client(toSigningClientOptions(config));
  }

  async start(bucket: string, key: string, partCount: number, expirySeconds: number, internal: boolean) {
    try {
      const uploadId = await this.client.initiateNewMultipartUpload(bucket, key, {});
      const parts = await Promise.all(
        Array.from({ length: partCount }, async (_, i) => ({
          partNumber: i + 1,
          url: await (internal ? this.client : this.signer).presignedUrl('PUT', bucket, key, expirySeconds, { partNumber: String(i + 1), uploadId }),
        })),
      );
      return { uploadId, parts };
    } catch (error) {
      throw toStorageError(error, { bucket, key, operation: 'startMultipart' });
    }
  }

  async complete(bucket: string, key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<void> {
    try {
      const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ part: p.partNumber, etag: p.etag.replace(/"/g, '') }));
      await this.client.completeMultipartUpload(bucket, key, uploadId, sorted);
    } catch (error) {
      throw toStorageError(error, { bucket, key, operation: 'completeMultipart' });
    }
  }
}
