import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MicroSegError, invalidInput, isMicroSegError, notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import type { ObjectStore } from '@microseg/storage';
import type { MultipartUploads } from './multipart-uploads.ts';
import type { UploadMetrics } from './upload-metrics.ts';
import type { UploadRepository, UploadRow } from './upload.repository.ts';

/**
 * The bytes of an upload, verified: present, of the declared size and sha256. Reading and
 * refusing uploads in one place keeps the rule "a refused upload leaves nothing behind" in one
 * place too: `refuse` removes the object and records the failure on the upload.
 */
export class UploadedBytes {
  constructor(
    private readonly deps: {
      uploads: UploadRepository;
      store: ObjectStore;
      multipart: MultipartUploads;
      logger: Logger;
      maxUploadBytes: number;
      metrics?: UploadMetrics;
    },
  ) {}

  /** The pending upload of the caller's group, or the reason it cannot be completed. */
  async pending(groupId: string, uploadId: string, purpose: UploadRow['purpose']): Promise<UploadRow> {
    const upload = await this.deps.uploads.find(groupId, uploadId);
    if (!upload || upload.purpose !== purpose) throw notFound(`${purpose} upload`, uploadId);
    if (upload.status === 'failed') {
      const failure = upload.failure as { message?: string } | null;
      throw invalidInput(`upload ${uploadId} was refused earlier: ${failure?.message ?? 'invalid content'}`, {
        problem: 'upload-refused',
        uploadId,
        failure,
      });
    }
    return upload;
  }

  async read(upload: UploadRow, parts: readonly { partNumber: number; etag: string }[] | undefined): Promise<Buffer> {
    const { store, multipart } = this.deps;
    if (upload.multipart_upload_id) {
      if (!parts || parts.length === 0) {
        throw invalidInput('this is a multipart upload: completing it needs the parts with their ETags', { problem: 'missing-parts' });
      }
      await multipart.complete(upload.bucket, upload.object_key, upload.multipart_upload_id, parts);
    }
    const info = await store.statObject(upload.bucket, upload.object_key).catch((error: unknown) => {
      if (isMicroSegError(error) && error.code === 'NOT_FOUND') {
        const expired = upload.expires_at.getTime() < Date.now();
        throw new MicroSegError(
          'NOT_FOUND',
          expired
            ? `no bytes were uploaded for upload ${upload.id} and its URL expired at ${upload.expires_at.toISOString()}: create a new upload`
            : `no bytes were uploaded for upload ${upload.id} yet: PUT the file to its URL first`,
          { details: { problem: 'nothing-uploaded', uploadId: upload.id, expired } },
        );
      }
      throw error;
    });
    const expectedSize = Number(upload.expected_size);
    if (info.size !== expectedSize) {
      throw await this.refuse(
        upload,
        invalidInput(`the uploaded file has ${info.size} bytes, but ${expectedSize} were declared`, {
          problem: 'size-mismatch',
          expected: expectedSize,
          actual: info.size,
        }),
      );
    }
    // One read serves both the check and the decode (verifyObject would read it a second time and
    // rewrite the object to record the sha256, which the image row records anyway).
    const content = await readAll(await store.getObject(upload.bucket, upload.object_key), this.deps.maxUploadBytes);
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== upload.expected_sha256 || content.length !== expectedSize) {
      throw await this.refuse(
        upload,
        invalidInput(`the uploaded bytes have sha256 ${actual}, but ${upload.expected_sha256} was declared`, {
          problem: 'sha256-mismatch',
          expected: upload.expected_sha256,
          actual,
        }),
      );
    }
    return content;
  }

  /** Removes the upload's object (and any derived ones), records why, and returns the error to throw. */
  async refuse(upload: UploadRow, error: MicroSegError, derivedKeys: readonly string[] = []): Promise<MicroSegError> {
    await this.removeQuietly(upload.bucket, [upload.object_key, ...derivedKeys]);
    await this.deps.uploads.markFailed(upload.id, error.toJSON());
    this.deps.metrics?.refused(upload.purpose, error, Number(upload.expected_size));
    return error;
  }

  /** Counts an upload that ended with its bytes kept (or found in the dataset already). */
  finished(upload: UploadRow, outcome: 'stored' | 'deduplicated'): void {
    this.deps.metrics?.finished(upload.purpose, outcome, Number(upload.expected_size));
  }

  /**
   * Removes objects now; one that cannot be removed is handed to the deletion sweeper. Never
   * throws: a leftover object is garbage, not corruption, and must not hide the real error.
   */
  async removeQuietly(bucket: string, keys: readonly string[]): Promise<void> {
    const failed: string[] = [];
    await Promise.all(
      keys.map((key) =>
        this.deps.store.removeObject(bucket, key).catch((error: unknown) => {
          this.deps.logger.warn({ err: error, bucket, key }, 'could not remove object; the deletion sweeper will');
          failed.push(key);
        }),
      ),
    );
    await this.deps.uploads
      .scheduleRemoval(bucket, failed)
      .catch((error: unknown) => this.deps.logger.error({ err: error, bucket, keys: failed }, 'could not schedule the removal of objects'));
  }
}

async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      throw invalidInput(`the file is above the limit of ${maxBytes} bytes`, { problem: 'file-too-large', maxBytes });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}
