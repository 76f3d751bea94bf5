export {
  type ExpectedContent,
  MAX_PRESIGN_EXPIRY_SECONDS,
  type ObjectStore,
  type PresignOptions,
  type PutObjectOptions,
  createObjectStore,
} from './object-store.ts';
export {
  DEFAULT_PART_SIZE_BYTES,
  DEFAULT_REGION,
  type ObjectStoreConfig,
  toClientOptions,
  toSigningClientOptions,
} from './object-store-config.ts';
export {
  type ObjectInfo,
  type ObjectRef,
  SHA256_METADATA_KEY,
  type StoredObject,
  isSha256Hex,
} from './object-ref.ts';
export { toStorageError } from './s3-error-mapping.ts';
