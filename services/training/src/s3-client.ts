import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Client } from 'minio';

export interface S3Settings {
  url: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

/**
 * A minio client for the model-artifact IO handler and checkpoint files, which take the client
 * itself; the storage lib's ObjectStore keeps its client private.
 */
export function createS3Client(settings: S3Settings): Client {
  const url = new URL(settings.url);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (useSSL ? 443 : 80) : Number(url.port),
    useSSL,
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    region: settings.region,
    // Checkpoints are written minutes apart: a kept-alive socket the server has closed meanwhile
    // fails the next large PUT with EPIPE, so every request gets a fresh connection.
    transportAgent: useSSL ? new HttpsAgent({ keepAlive: false }) : new HttpAgent({ keepAlive: false }),
  });
}

export async function readObject(client: Client, bucket: string, key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await client.getObject(bucket, key)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
