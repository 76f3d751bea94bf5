import { Readable, pipeline } from 'node:stream';
import { MicroSegError, invalidInput } from '@microseg/errors';
import { Client, CopyDestinationOptions, CopySourceOptions, type ItemBucketMetadata } from 'minio';
import { DEFAULT_REGION, type ObjectStoreConfig, toClientOptions, toSigningClientOptions } from './object-store-config.ts';
import {
  type ObjectInfo,
  type ObjectRef,
  SHA256_METADATA_KEY,
  type StoredObject,
  isSha256Hex,
} from './object-ref.ts';
import { Sha256Counter, sha256Hex } from './sha256-counter.ts';
import { toStorageError } from './s3-error-mapping.ts';

/** Presigned URLs live at most 15 minutes: long enough for one upload, short enough to leak little. */
export const MAX_PRESIGN_EXPIRY_SECONDS = 900;

export interface PutObjectOptions {
  contentType?: string;
  /** User metadata (`x-amz-meta-*`); keys are stored lower-case. `sha256` is reserved. */
  metadata?: Readonly<Record<string, string>>;
  /** The body's length when known; lets the client choose single PUT vs multipart without guessing. */
  size?: number;
}

export interface PresignOptions {
  /** 1..900 seconds; defaults to 900. */
  expirySeconds?: number;
  /** Signed for the store's own endpoint instead of the public one: for platform services inside. */
  internal?: boolean;
}

export interface ExpectedContent {
  /** Defaults to the reference's sha256, then to the sha256 recorded on the object. */
  sha256?: string;
  size?: number;
}

export interface ObjectStore {
  /** Creates the bucket unless it exists (safe when several replicas race). */
  ensureBucket(bucket: string): Promise<void>;
  /**
   * Streams `body` into the store while hashing it and records the sha256 as `x-amz-meta-sha256`.
   * Streams above the part size go up as multipart uploads, holding about two parts in memory.
   */
  putObject(
    bucket: string,
    key: string,
    body: Readable | Uint8Array,
    options?: PutObjectOptions,
  ): Promise<StoredObject>;
  getObject(bucket: string, key: string): Promise<Readable>;
  statObject(bucket: string, key: string): Promise<ObjectInfo>;
  presignedPut(bucket: string, key: string, options?: PresignOptions): Promise<string>;
  presignedGet(bucket: string, key: string, options?: PresignOptions): Promise<string>;
  /**
   * Reads the whole object, hashes it and compares with `expected` (INVALID_INPUT with
   * `details.expected` / `details.actual` on mismatch). An object without a recorded sha256 (one
   * uploaded through a presigned PUT) gets it recorded here, so this is the completion step of
   * every presigned upload.
   */
  verifyObject(
    ref: Pick<ObjectRef, 'bucket' | 'key'> & Partial<Pick<ObjectRef, 'sha256'>>,
    expected?: ExpectedContent,
  ): Promise<StoredObject>;
  removeObject(bucket: string, key: string): Promise<void>;
  /** Removes every object whose key starts with `prefix` (a folder of derived files); answers how many. */
  removePrefix(bucket: string, prefix: string): Promise<number>;
}

/** Headers S3 reports beside user metadata; everything else in `metaData` is user metadata. */
const STANDARD_HEADERS = new Set([
  'content-type',
  'cache-control',
  'content-encoding',
  'content-disposition',
  'content-language',
  'content-length',
  'last-modified',
  'etag',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
]);

export function createObjectStore(config: ObjectStoreConfig): ObjectStore {
  const options = toClientOptions(config);
  const client = new Client(options);
  // Signing needs no request (the region is given), so this client never talks to the public endpoint.
  const signer = config.publicUrl === undefined ? client : new Client(toSigningClientOptions(config));
  const region = options.region ?? DEFAULT_REGION;

  async function statObject(bucket: string, key: string): Promise<ObjectInfo> {
    try {
      const stat = await client.statObject(bucket, key);
      const metadata: Record<string, string> = {};
      for (const [name, value] of Object.entries(stat.metaData)) {
        const lower = name.toLowerCase();
        if (!STANDARD_HEADERS.has(lower)) metadata[lower] = String(value);
      }
      const recorded = metadata[SHA256_METADATA_KEY];
      const contentType = stat.metaData['content-type'] as unknown;
      return {
        bucket,
        key,
        size: stat.size,
        etag: stat.etag,
        sha256: isSha256Hex(recorded) ? recorded : undefined,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        lastModified: stat.lastModified,
        metadata,
      };
    } catch (error) {
      throw toStorageError(error, { bucket, key, operation: 'statObject' });
    }
  }

  /**
   * S3 metadata is fixed at write time; a copy onto itself with REPLACE is how it changes. The
   * bytes stay the same, and so does the single-part etag the store reports.
   */
  async function recordSha256(info: ObjectInfo, sha256: string): Promise<void> {
    try {
      await client.copyObject(
        new CopySourceOptions({ Bucket: info.bucket, Object: info.key }),
        new CopyDestinationOptions({
          Bucket: info.bucket,
          Object: info.key,
          MetadataDirective: 'REPLACE',
          UserMetadata: { ...info.metadata, [SHA256_METADATA_KEY]: sha256 },
          ...(info.contentType === undefined
            ? {}
            : { Headers: { 'Content-Type': info.contentType } }),
        }),
      );
    } catch (error) {
      throw toStorageError(error, {
        bucket: info.bucket,
        key: info.key,
        operation: 'recordSha256',
      });
    }
  }

  function writeMetadata(putOptions: PutObjectOptions, sha256?: string): ItemBucketMetadata {
    const metadata: ItemBucketMetadata = {};
    for (const [name, value] of Object.entries(putOptions.metadata ?? {})) {
      if (name.toLowerCase() === SHA256_METADATA_KEY) {
        throw invalidInput(
          `metadata key "${SHA256_METADATA_KEY}" is reserved: the store computes it`,
          { key: name },
        );
      }
      metadata[name.toLowerCase()] = value;
    }
    if (sha256 !== undefined) metadata[SHA256_METADATA_KEY] = sha256;
    if (putOptions.contentType !== undefined) metadata['Content-Type'] = putOptions.contentType;
    return metadata;
  }

  async function putBuffer(
    bucket: string,
    key: string,
    body: Uint8Array,
    putOptions: PutObjectOptions,
  ): Promise<StoredObject> {
    const buffer = Buffer.isBuffer(body)
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const sha256 = sha256Hex(buffer);
    const uploaded = await client.putObject(
      bucket,
      key,
      buffer,
      buffer.length,
      writeMetadata(putOptions, sha256),
    );
    return { bucket, key, sha256, size: buffer.length, etag: uploaded.etag };
  }

  async function putStream(
    bucket: string,
    key: string,
    body: Readable,
    putOptions: PutObjectOptions,
  ): Promise<StoredObject> {
    const counter = new Sha256Counter();
    // The client pipes what it is given but does not watch that stream's source for errors, so a
    // failing source would leave its upload waiting forever; the race surfaces the failure.
    const sourceFailed = new Promise<never>((_, reject) => {
      pipeline(body, counter, (error) => {
        if (error) reject(error);
      });
    });
    const metadata = writeMetadata(putOptions);
    const uploaded = await Promise.race([
      client.putObject(bucket, key, counter, putOptions.size, metadata),
      sourceFailed,
    ]);
    const { sha256, size } = counter.result();
    const info: ObjectInfo = {
      bucket,
      key,
      size,
      etag: uploaded.etag,
      sha256: undefined,
      contentType: putOptions.contentType,
      lastModified: new Date(),
      metadata: Object.fromEntries(
        Object.entries(metadata).filter(([name]) => name !== 'Content-Type'),
      ),
    };
    await recordSha256(info, sha256);
    return { bucket, key, sha256, size, etag: uploaded.etag };
  }

  function presignExpiry(presign: PresignOptions): number {
    const seconds = presign.expirySeconds ?? MAX_PRESIGN_EXPIRY_SECONDS;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_EXPIRY_SECONDS) {
      throw invalidInput(`presigned URLs expire after 1 to ${MAX_PRESIGN_EXPIRY_SECONDS} seconds`, {
        expirySeconds: seconds,
        maxSeconds: MAX_PRESIGN_EXPIRY_SECONDS,
      });
    }
    return seconds;
  }

  return {
    async ensureBucket(bucket) {
      try {
        if (await client.bucketExists(bucket)) return;
        await client.makeBucket(bucket, region);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists') return;
        throw toStorageError(error, { bucket, operation: 'ensureBucket' });
      }
    },

    async putObject(bucket, key, body, putOptions = {}) {
      try {
        return body instanceof Uint8Array
          ? await putBuffer(bucket, key, body, putOptions)
          : await putStream(bucket, key, body, putOptions);
      } catch (error) {
        throw toStorageError(error, { bucket, key, operation: 'putObject' });
      }
    },

    async getObject(bucket, key) {
      try {
        return await client.getObject(bucket, key);
      } catch (error) {
        throw toStorageError(error, { bucket, key, operation: 'getObject' });
      }
    },

    statObject,

    async presignedPut(bucket, key, presign = {}) {
      const expiry = presignExpiry(presign);
      try {
        return await (presign.internal ? client : signer).presignedPutObject(bucket, key, expiry);
      } catch (error) {
        throw toStorageError(error, { bucket, key, operation: 'presignedPut' });
      }
    },

    async presignedGet(bucket, key, presign = {}) {
      const expiry = presignExpiry(presign);
      try {
        return await (presign.internal ? client : signer).presignedGetObject(bucket, key, expiry);
      } catch (error) {
        throw toStorageError(error, { bucket, key, operation: 'presignedGet' });
      }
    },

    async verifyObject(ref, expected = {}) {
      const { bucket, key } = ref;
      const info = await statObject(bucket, key);
      const counter = new Sha256Counter();
      try {
        const body = await client.getObject(bucket, key);
        await new Promise<void>((resolve, reject) => {
          pipeline(body, counter, (error) => (error ? reject(error) : resolve()));
          counter.resume();
        });
      } catch (error) {
        throw toStorageError(error, { bucket, key, operation: 'verifyObject' });
      }
      const actual = counter.result();
      const wanted = { sha256: expected.sha256 ?? ref.sha256 ?? info.sha256, size: expected.size };
      if (
        (wanted.sha256 !== undefined && wanted.sha256 !== actual.sha256) ||
        (wanted.size !== undefined && wanted.size !== actual.size)
      ) {
        throw new MicroSegError(
          'INVALID_INPUT',
          `object ${bucket}/${key} does not match its expected content`,
          {
            details: { bucket, key, expected: wanted, actual },
          },
        );
      }
      if (info.sha256 !== actual.sha256) await recordSha256(info, actual.sha256);
      return { bucket, key, sha256: actual.sha256, size: actual.size, etag: info.etag };
    },

    async removeObject(bucket, key) {
      try {
        await client.removeObject(bucket, key);
      } catch (error) {
        throw toStorageError(error, { bucket, key, operation: 'removeObject' });
      }
    },

    async removePrefix(bucket, prefix) {
      // An empty prefix would empty the bucket: never what a caller that names a folder means.
      if (prefix === '') throw invalidInput('removePrefix needs a non-empty prefix', { bucket });
      try {
        const keys: string[] = [];
        for await (const item of client.listObjectsV2(bucket, prefix, true) as AsyncIterable<{ name?: string }>) {
          if (item.name) keys.push(item.name);
        }
        // One DELETE at a time: the embedded S3 server answers a batch delete, and concurrent
        // deletes in one folder (it prunes emptied folders), with a 500. A sweeper has the time.
        for (const key of keys) await client.removeObject(bucket, key);
        return keys.length;
      } catch (error) {
        throw toStorageError(error, { bucket, key: prefix, operation: 'removePrefix' });
      }
    },
  };
}
