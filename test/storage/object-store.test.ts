import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { MicroSegError } from '@microseg/errors';
import { findFreePort } from '@microseg/local-stack';
import { type ObjectStore, createObjectStore } from '@microseg/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestInfrastructure,
  createTestObjectStore,
  getTestInfrastructure,
} from '../harness/index.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function rejection(promise: Promise<unknown>): Promise<MicroSegError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MicroSegError);
  return error as MicroSegError;
}

describe('object store against the embedded S3 server', () => {
  let infra: TestInfrastructure;
  let store: ObjectStore;
  let bucket: string;

  beforeAll(async () => {
    infra = await getTestInfrastructure();
    store = createTestObjectStore(infra.s3);
    bucket = `${infra.runId}-images`;
    await store.ensureBucket(bucket);
  });
  afterAll(async () => infra?.cleanup());

  it('stores a buffer and reads it back with its sha256 recorded', async () => {
    const body = Buffer.from('a small micrograph stand-in');
    const stored = await store.putObject(bucket, 'round/trip.bin', body, {
      contentType: 'application/octet-stream',
      metadata: { group: 'g1' },
    });
    expect(stored).toMatchObject({
      bucket,
      key: 'round/trip.bin',
      sha256: sha256(body),
      size: body.length,
    });

    const info = await store.statObject(bucket, 'round/trip.bin');
    expect(info).toMatchObject({
      sha256: sha256(body),
      size: body.length,
      contentType: 'application/octet-stream',
    });
    expect(info.metadata['group']).toBe('g1');
    expect(await readAll(await store.getObject(bucket, 'round/trip.bin'))).toEqual(body);
  });

  it('hashes a stream while uploading it and records the sha256 afterwards', async () => {
    const parts = [Buffer.from('first '), Buffer.from('second '), Buffer.from('third')];
    const stored = await store.putObject(bucket, 'round/stream.txt', Readable.from(parts), {
      contentType: 'text/plain',
    });
    const whole = Buffer.concat(parts);
    expect(stored).toMatchObject({ sha256: sha256(whole), size: whole.length });
    expect(await store.statObject(bucket, 'round/stream.txt')).toMatchObject({
      sha256: sha256(whole),
      contentType: 'text/plain',
    });
  });

  it('ensures a bucket idempotently', async () => {
    await expect(store.ensureBucket(bucket)).resolves.toBeUndefined();
  });

  it('answers NOT_FOUND for a missing key, on stat, get and verify', async () => {
    for (const attempt of [
      store.statObject(bucket, 'missing'),
      store.getObject(bucket, 'missing'),
      store.verifyObject({ bucket, key: 'missing', sha256: '0'.repeat(64) }),
    ]) {
      const error = await rejection(attempt);
      expect(error.code).toBe('NOT_FOUND');
      expect(error.details).toMatchObject({ bucket, key: 'missing' });
    }
  });

  it('refuses to let callers set the sha256 metadata themselves', async () => {
    const error = await rejection(
      store.putObject(bucket, 'forged', Buffer.from('x'), { metadata: { sha256: 'f'.repeat(64) } }),
    );
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('accepts an upload through a presigned PUT, serves it through a presigned GET and records its sha256 on verify', async () => {
    const body = Buffer.from('uploaded by a browser, not by a service');
    const putUrl = await store.presignedPut(bucket, 'presigned/upload.bin', { expirySeconds: 60 });
    const put = await fetch(putUrl, { method: 'PUT', body });
    expect(put.status).toBe(200);
    expect((await store.statObject(bucket, 'presigned/upload.bin')).sha256).toBeUndefined();

    const verified = await store.verifyObject(
      { bucket, key: 'presigned/upload.bin' },
      { sha256: sha256(body), size: body.length },
    );
    expect(verified).toMatchObject({ sha256: sha256(body), size: body.length });
    expect((await store.statObject(bucket, 'presigned/upload.bin')).sha256).toBe(sha256(body));

    const get = await fetch(await store.presignedGet(bucket, 'presigned/upload.bin'));
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer())).toEqual(body);
  });

  it('has the server refuse a presigned URL once it has expired', async () => {
    await store.putObject(bucket, 'presigned/expiring.bin', Buffer.from('short-lived'));
    const getUrl = await store.presignedGet(bucket, 'presigned/expiring.bin', { expirySeconds: 1 });
    const putUrl = await store.presignedPut(bucket, 'presigned/late-upload.bin', {
      expirySeconds: 1,
    });
    expect((await fetch(getUrl)).status).toBe(200);
    // Signing times have one-second resolution: wait past the second after expiry.
    await sleep(2_100);
    const lateGet = await fetch(getUrl);
    expect(lateGet.status).toBe(403);
    expect(await lateGet.text()).toContain('Request has expired');
    expect((await fetch(putUrl, { method: 'PUT', body: 'too late' })).status).toBe(403);
    expect((await rejection(store.statObject(bucket, 'presigned/late-upload.bin'))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('has the server refuse anonymous requests, tampered presigned URLs and wrong keys', async () => {
    await store.putObject(bucket, 'private/object.bin', Buffer.from('not for everyone'));
    const anonymous = await fetch(`${infra.s3.endpoint}/${bucket}/private/object.bin`);
    expect(anonymous.status).toBe(403);

    const url = await store.presignedGet(bucket, 'private/object.bin', { expirySeconds: 60 });
    const stretched = url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600000');
    expect((await fetch(stretched)).status).toBe(403);
    expect((await fetch(url)).status).toBe(200);

    const wrongSecret = createTestObjectStore(infra.s3, { secretKey: 'not-the-secret' });
    const error = await rejection(wrongSecret.statObject(bucket, 'private/object.bin'));
    expect(error.code).toBe('INTERNAL');
    expect(error.retryable).toBe(false);
  });

  it('refuses presigned URLs that would live longer than 15 minutes', async () => {
    for (const expirySeconds of [901, 3600, 0, 1.5]) {
      const error = await rejection(store.presignedGet(bucket, 'any', { expirySeconds }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.details).toMatchObject({ expirySeconds, maxSeconds: 900 });
    }
    await expect(store.presignedPut(bucket, 'any', { expirySeconds: 900 })).resolves.toMatch(
      /^http/,
    );
  });

  it('detects content that does not match its sha256 or size, with both sides in the details', async () => {
    const body = Buffer.from('the bytes that were really uploaded');
    const putUrl = await store.presignedPut(bucket, 'verify/tampered.bin');
    await fetch(putUrl, { method: 'PUT', body });
    const claimed = sha256(Buffer.from('the bytes the client said it would upload'));

    const error = await rejection(
      store.verifyObject({ bucket, key: 'verify/tampered.bin', sha256: claimed }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({
      expected: { sha256: claimed },
      actual: { sha256: sha256(body), size: body.length },
    });
    // A failed verification records nothing: the object stays unverified.
    expect((await store.statObject(bucket, 'verify/tampered.bin')).sha256).toBeUndefined();

    const sizeError = await rejection(
      store.verifyObject({ bucket, key: 'verify/tampered.bin' }, { size: body.length + 1 }),
    );
    expect(sizeError.details).toMatchObject({
      expected: { size: body.length + 1 },
      actual: { size: body.length },
    });
  });

  it('detects an object changed behind its recorded sha256', async () => {
    const original = await store.putObject(
      bucket,
      'verify/replaced.bin',
      Buffer.from('version one'),
    );
    await fetch(await store.presignedPut(bucket, 'verify/replaced.bin'), {
      method: 'PUT',
      body: 'version two',
    });
    const error = await rejection(store.verifyObject(original));
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('removes objects', async () => {
    await store.putObject(bucket, 'remove/me', Buffer.from('bye'));
    await store.removeObject(bucket, 'remove/me');
    expect((await rejection(store.statObject(bucket, 'remove/me'))).code).toBe('NOT_FOUND');
  });

  it('removes every object under a prefix, and nothing beside it', async () => {
    const keys = ['tiles/a/pyramid.json', 'tiles/a/0/0_0.png', 'tiles/a/12/3_4.png', 'tiles/ab/kept.png', 'tiles/kept.png'];
    for (const key of keys) await store.putObject(bucket, key, Buffer.from(key));
    expect(await store.removePrefix(bucket, 'tiles/a/')).toBe(3);
    for (const key of keys.slice(0, 3)) expect((await rejection(store.statObject(bucket, key))).code).toBe('NOT_FOUND');
    for (const key of keys.slice(3)) expect((await store.statObject(bucket, key)).key).toBe(key);
    expect(await store.removePrefix(bucket, 'tiles/a/')).toBe(0);
    expect((await rejection(store.removePrefix(bucket, ''))).code).toBe('INVALID_INPUT');
  });

  it('reports a store nobody listens on as UNAVAILABLE and retryable', async () => {
    const port = await findFreePort();
    const down = createObjectStore({
      url: `http://127.0.0.1:${port}`,
      accessKey: 'k',
      secretKey: 's',
    });
    const error = await rejection(down.statObject('any-bucket', 'any-key'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.retryable).toBe(true);
  });
});
