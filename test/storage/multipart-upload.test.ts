import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  startEmbeddedS3Server,
  type EmbeddedS3Server,
  type StackLogger,
} from '@microseg/local-stack';
import { createObjectStore, type ObjectStore } from '@microseg/storage';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MiB = 1024 * 1024;
// Large enough that holding it whole would break the memory bound, small enough for a loaded CI machine.
const OBJECT_BYTES = 64 * MiB;
const PART_BYTES = 5 * MiB;
/**
 * Client: the part in flight, the next one queued, the one being cut; server: socket and file
 * buffers. Measured at about 41 MiB whatever the part size; well under the object's 64 MiB.
 */
const MAX_HELD_BYTES = 48 * MiB;

/** The object produced chunk by chunk (never held whole), with bytes that differ between chunks. */
function generatedBody(totalBytes: number, chunkBytes = 256 * 1024): Readable {
  let produced = 0;
  return new Readable({
    read() {
      if (produced >= totalBytes) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(
        Math.min(chunkBytes, totalBytes - produced),
        produced / chunkBytes,
      );
      chunk.writeUInt32BE(produced, 0);
      produced += chunk.length;
      this.push(chunk);
    },
  });
}

async function expectedSha256(totalBytes: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of generatedBody(totalBytes)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Buffers that are already garbage still count in `arrayBuffers` until a collection, so the
 * sampler collects before each reading to measure what is really held.
 */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('multipart upload of a large stream', () => {
  let dataDir: string;
  let server: EmbeddedS3Server;
  let store: ObjectStore;
  const requests: string[] = [];
  const recordingLogger: StackLogger = {
    debug: (fields) => requests.push(`${String(fields['method'])} ${String(fields['url'])}`),
    info: () => undefined,
    warn: () => undefined,
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'microseg-multipart-'));
    server = await startEmbeddedS3Server({ dataDir, logger: recordingLogger });
    store = createObjectStore({ ...server, url: server.endpoint, partSizeBytes: PART_BYTES });
    await store.ensureBucket('large');
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('streams 64 MiB in parts with bounded memory and records the right sha256', async () => {
    const gc = collectGarbage();
    gc();
    const baseline = process.memoryUsage();
    let peakExternal = 0;
    const sampler = setInterval(() => {
      gc();
      peakExternal = Math.max(
        peakExternal,
        process.memoryUsage().arrayBuffers - baseline.arrayBuffers,
      );
    }, 300);
    let stored;
    try {
      stored = await store.putObject('large', 'stack/100mib.raw', generatedBody(OBJECT_BYTES), {
        contentType: 'application/octet-stream',
      });
    } finally {
      clearInterval(sampler);
    }

    const wanted = await expectedSha256(OBJECT_BYTES);
    expect(stored).toMatchObject({ size: OBJECT_BYTES, sha256: wanted });
    expect((await store.statObject('large', 'stack/100mib.raw')).sha256).toBe(wanted);
    // The client asked for unfinished uploads (answered by our middleware), then sent parts.
    expect(requests.some((line) => /^GET \/large\?.*uploads/.test(line))).toBe(true);
    const parts = requests.filter(
      (line) => line.startsWith('PUT ') && line.includes('partNumber='),
    );
    expect(parts).toHaveLength(Math.ceil(OBJECT_BYTES / PART_BYTES));
    // Buffers held at once stay a few parts' worth, well below the object (server and client
    // share this process, so this bounds both).
    expect(peakExternal).toBeLessThan(MAX_HELD_BYTES);

    await expect(store.verifyObject(stored)).resolves.toMatchObject({
      sha256: wanted,
      size: OBJECT_BYTES,
    });
  });
});
