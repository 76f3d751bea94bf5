import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PART_SIZE_BYTES, toClientOptions, toSigningClientOptions } from './object-store-config.ts';

const keys = { accessKey: 'a', secretKey: 's' };

describe('toClientOptions', () => {
  it('splits an endpoint URL into host, port and TLS', () => {
    expect(toClientOptions({ ...keys, url: 'http://127.0.0.1:9000' })).toMatchObject({
      endPoint: '127.0.0.1',
      port: 9000,
      useSSL: false,
    });
    expect(toClientOptions({ ...keys, url: 'https://minio.lab.example' })).toMatchObject({
      endPoint: 'minio.lab.example',
      port: 443,
      useSSL: true,
    });
    expect(toClientOptions({ ...keys, url: 'http://[::1]:9000/' })).toMatchObject({
      endPoint: '::1',
      port: 9000,
    });
  });

  it('fixes the part size and turns off the client-side retries', () => {
    expect(toClientOptions({ ...keys, endPoint: 'minio' })).toMatchObject({
      partSize: DEFAULT_PART_SIZE_BYTES,
      region: 'us-east-1',
      retryOptions: { disableRetry: true },
    });
  });

  it('refuses endpoints it cannot use, as INVALID_INPUT', () => {
    for (const config of [
      { ...keys, url: 'minio:9000' },
      { ...keys, url: 'ftp://minio' },
      { ...keys, url: 'http://minio:9000/bucket' },
      { ...keys, url: 'http://minio', endPoint: 'minio' },
      { ...keys },
      { ...keys, endPoint: 'minio', partSizeBytes: 1024 },
    ]) {
      expect(() => toClientOptions(config)).toThrow(MicroSegError);
      expect(() => toClientOptions(config)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }) as Error,
      );
    }
  });
});

describe('toSigningClientOptions', () => {
  it('signs for the public endpoint with the same keys and region (SigV4 signs the host)', () => {
    const config = { ...keys, url: 'http://minio:9000', publicUrl: 'https://objects.lab.example', region: 'eu-west-1' };
    expect(toSigningClientOptions(config)).toMatchObject({ endPoint: 'objects.lab.example', port: 443, useSSL: true, accessKey: 'a', region: 'eu-west-1' });
    expect(toClientOptions(config)).toMatchObject({ endPoint: 'minio', port: 9000 });
  });

  it('signs for the store itself when there is no public endpoint', () => {
    expect(toSigningClientOptions({ ...keys, url: 'http://minio:9000' })).toMatchObject({ endPoint: 'minio', port: 9000 });
  });
});
