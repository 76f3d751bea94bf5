import type { S3Credentials } from '@microseg/local-stack';
import { type ObjectStore, type ObjectStoreConfig, createObjectStore } from '@microseg/storage';

/** An object store client for the harness's S3 server. */
export function createTestObjectStore(
  s3: S3Credentials,
  overrides: Partial<ObjectStoreConfig> = {},
): ObjectStore {
  return createObjectStore({
    url: s3.endpoint,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: s3.region,
    ...overrides,
  });
}
