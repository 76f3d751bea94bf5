import { MicroSegError, notFound } from '@microseg/errors';
import type { Client } from 'minio';
import { type ArtifactFiles, checkFileName } from './artifact-files.ts';

/** An artifact stored as objects `<prefix>/<file>` in an S3 bucket. */
export interface S3Location {
  client: Client;
  bucket: string;
  /** The artifact's "directory" inside the bucket, e.g. `models/unet-resnet18-v1`. */
  prefix: string;
}

const MISSING = new Set(['NoSuchKey', 'NotFound', 'NoSuchBucket']);

export function s3Files({ client, bucket, prefix }: S3Location): ArtifactFiles {
  const base = prefix.replace(/\/+$/, '');
  const key = (name: string) => (base ? `${base}/${checkFileName(name)}` : checkFileName(name));
  const failure = (action: string, name: string, error: unknown): MicroSegError => {
    if (MISSING.has((error as { code?: string }).code ?? ''))
      return notFound('artifact file', `s3://${bucket}/${key(name)}`);
    return new MicroSegError('UNAVAILABLE', `cannot ${action} s3://${bucket}/${key(name)}`, {
      cause: error,
    });
  };
  return {
    location: `s3://${bucket}/${base}`,
    async read(name) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of await client.getObject(bucket, key(name)))
          chunks.push(chunk as Buffer);
        return new Uint8Array(Buffer.concat(chunks));
      } catch (error) {
        throw failure('read', name, error);
      }
    },
    async write(name, data) {
      try {
        await client.putObject(
          bucket,
          key(name),
          Buffer.from(data.buffer, data.byteOffset, data.byteLength),
          data.byteLength,
        );
      } catch (error) {
        throw failure('write', name, error);
      }
    },
  };
}
