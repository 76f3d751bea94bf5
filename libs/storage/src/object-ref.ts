/**
 * How services point at an object. Pixels never travel on NATS: messages carry this reference,
 * and the sha256 lets the receiver check that it reads exactly the bytes the sender meant.
 */
export interface ObjectRef {
  bucket: string;
  key: string;
  sha256: string;
}

/** An object as stored: its reference plus the facts recorded when it was written. */
export interface StoredObject extends ObjectRef {
  size: number;
  etag: string;
}

/** What `statObject` reports. `sha256` is absent only for an object not yet verified (a presigned upload). */
export interface ObjectInfo {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  sha256: string | undefined;
  contentType: string | undefined;
  lastModified: Date;
  /** User metadata without the `x-amz-meta-` prefix, keys lower-cased. */
  metadata: Readonly<Record<string, string>>;
}

/** The user-metadata key under which every object's sha256 (lower-case hex) is recorded. */
export const SHA256_METADATA_KEY = 'sha256';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}
