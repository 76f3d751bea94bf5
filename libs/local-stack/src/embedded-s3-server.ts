import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { allowCrossOrigin, answerCorsPreflight } from './s3-cors.ts';
import { answerListMultipartUploads, sendS3Error } from './s3-responses.ts';
import { verifySigV4 } from './sigv4-verification.ts';
import type { StackLogger } from './stack-logger.ts';

export interface EmbeddedS3ServerOptions {
  /** Objects are stored under `<dataDir>/s3`. */
  dataDir: string;
  /** 0 or absent: a free port, chosen by the kernel at bind time. */
  port?: number;
  logger: StackLogger;
}

export interface S3Credentials {
  /** e.g. http://127.0.0.1:9000 */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

export interface EmbeddedS3Server extends S3Credentials {
  port: number;
  stop: () => Promise<void>;
}

const STOP_GRACE_MS = 5_000;

/** s3rver's built-in account; it accepts no other keys. */
const S3RVER_KEY = 'S3RVER';

/**
 * Runs s3rver in this process on 127.0.0.1. In front of it: Signature V4 checks (s3rver skips
 * them, see sigv4-verification.ts), the one S3 call it lacks, and CORS for the console (s3-cors.ts). Bucket contents live on disk and
 * survive restarts.
 */
export async function startEmbeddedS3Server(
  options: EmbeddedS3ServerOptions,
): Promise<EmbeddedS3Server> {
  const { logger } = options;
  const directory = join(resolve(options.dataDir), 's3');
  await mkdir(directory, { recursive: true });
  const s3rver = new S3rver({ directory, silent: true, vhostBuckets: false, resetOnClose: false });
  const handleWithS3rver = s3rver.callback();
  const keys = { accessKey: S3RVER_KEY, secretKey: S3RVER_KEY };
  const server = createServer((request, response) => {
    logger.debug({ method: request.method, url: request.url }, 's3 request');
    if (answerCorsPreflight(request, response)) return;
    allowCrossOrigin(request, response);
    const verdict = verifySigV4(
      { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers },
      keys,
    );
    if (!verdict.ok) {
      logger.debug(
        { method: request.method, url: request.url, code: verdict.code },
        's3 request refused',
      );
      sendS3Error(
        response,
        verdict.status,
        verdict.code,
        verdict.message,
        request.method === 'HEAD',
      );
      return;
    }
    if (!answerListMultipartUploads(request, response)) handleWithS3rver(request, response);
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', failed);
      listening();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  logger.info({ endpoint, directory }, 'embedded S3 server ready');
  return {
    endpoint,
    accessKey: S3RVER_KEY,
    secretKey: S3RVER_KEY,
    region: 'us-east-1',
    port,
    stop: () =>
      new Promise<void>((closed, failed) => {
        // Requests in flight get a moment to finish; idle keep-alive sockets would hold close() open.
        const cutOff = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
        server.close((error) => {
          clearTimeout(cutOff);
          if (error) failed(error);
          else closed();
        });
        server.closeIdleConnections();
      }),
  };
}
