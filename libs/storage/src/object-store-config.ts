import { invalidInput } from '@microseg/errors';
import type { ClientOptions } from 'minio';

export interface ObjectStoreConfig {
  /** The endpoint as one URL, e.g. `http://127.0.0.1:9000` (what `S3_ENDPOINT` holds). */
  url?: string;
  /**
   * Where callers outside reach the store (S3_PUBLIC_ENDPOINT), when that is not `url`: presigned
   * URLs are signed for it. SigV4 signs the Host header, so a URL cannot be rewritten to another
   * host afterwards; it must be signed for the host the caller will send.
   */
  publicUrl?: string | undefined;
  /** Host name or IP, when `url` is not given. */
  endPoint?: string;
  port?: number;
  useSSL?: boolean;
  accessKey: string;
  secretKey: string;
  /** Defaults to us-east-1; giving it spares the client a bucket-location lookup per bucket. */
  region?: string;
  /**
   * Size of each multipart part. Streams are cut into parts of exactly this size, so it bounds
   * the memory an upload holds (about two parts). 16 MiB allows objects up to ~160 GB.
   */
  partSizeBytes?: number;
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PART_SIZE_BYTES = 16 * 1024 * 1024;
const MIN_PART_SIZE_BYTES = 5 * 1024 * 1024;

/** The client options that sign presigned URLs: for the public endpoint when there is one. */
export function toSigningClientOptions(config: ObjectStoreConfig): ClientOptions {
  if (config.publicUrl === undefined) return toClientOptions(config);
  const { endPoint: _endPoint, port: _port, useSSL: _useSSL, ...rest } = config;
  return toClientOptions({ ...rest, url: config.publicUrl });
}

/** Resolves our config into the minio client's options, refusing ambiguous or malformed endpoints. */
export function toClientOptions(config: ObjectStoreConfig): ClientOptions {
  const partSize = config.partSizeBytes ?? DEFAULT_PART_SIZE_BYTES;
  if (!Number.isInteger(partSize) || partSize < MIN_PART_SIZE_BYTES) {
    throw invalidInput(
      `partSizeBytes must be an integer of at least ${MIN_PART_SIZE_BYTES} (S3's minimum part size)`,
      {
        partSizeBytes: partSize,
      },
    );
  }
  const common = {
    accessKey: config.accessKey,
    secretKey: config.secretKey,
    region: config.region ?? DEFAULT_REGION,
    partSize,
    // Retrying inside the client re-sends a half-consumed stream; callers retry on UNAVAILABLE instead.
    retryOptions: { disableRetry: true },
  };
  if (config.url !== undefined) {
    if (config.endPoint !== undefined) {
      throw invalidInput('give the object store endpoint either as url or as endPoint, not both', {
        url: config.url,
      });
    }
    return { ...common, ...parseEndpointUrl(config.url) };
  }
  if (config.endPoint === undefined) {
    throw invalidInput('the object store needs an endpoint: url or endPoint');
  }
  return {
    ...common,
    endPoint: config.endPoint,
    useSSL: config.useSSL ?? false,
    ...(config.port === undefined ? {} : { port: config.port }),
  };
}

function parseEndpointUrl(url: string): Pick<ClientOptions, 'endPoint' | 'port' | 'useSSL'> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw invalidInput(`object store url is not a URL: ${url}`, { url }, cause);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalidInput(`object store url must be http:// or https://, got ${parsed.protocol}`, {
      url,
    });
  }
  if (parsed.pathname !== '/' && parsed.pathname !== '') {
    throw invalidInput('object store url must not have a path', { url });
  }
  const useSSL = parsed.protocol === 'https:';
  // URL keeps IPv6 literals bracketed; the client wants the bare address.
  const endPoint = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { endPoint, useSSL, port: parsed.port === '' ? (useSSL ? 443 : 80) : Number(parsed.port) };
}
