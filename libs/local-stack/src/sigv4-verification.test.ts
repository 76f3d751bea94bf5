import { Client } from 'minio';
import { describe, expect, it } from 'vitest';
import { type SignedRequest, verifySigV4 } from './sigv4-verification.ts';

const keys = { accessKey: 'LOCALKEY', secretKey: 'local-secret' };
const signedAt = new Date('2026-01-02T03:04:05Z');
const client = new Client({
  endPoint: '127.0.0.1',
  port: 9000,
  useSSL: false,
  region: 'us-east-1',
  ...keys,
});

/** A presigned URL as the minio client makes it, turned into the request a browser would send. */
async function presignedRequest(method: 'GET' | 'PUT', expirySeconds = 60): Promise<SignedRequest> {
  const url = new URL(
    await client.presignedUrl(method, 'images', 'a b/c+d.png', expirySeconds, {}, signedAt),
  );
  return { method, url: `${url.pathname}${url.search}`, headers: { host: url.host } };
}

const secondsAfterSigning = (seconds: number) => new Date(signedAt.getTime() + seconds * 1000);

describe('verifySigV4 on presigned URLs', () => {
  it('accepts an untouched URL within its lifetime', async () => {
    expect(verifySigV4(await presignedRequest('GET'), keys, secondsAfterSigning(30))).toEqual({
      ok: true,
    });
    expect(verifySigV4(await presignedRequest('PUT'), keys, secondsAfterSigning(30))).toEqual({
      ok: true,
    });
  });

  it('refuses it once expired', async () => {
    expect(
      verifySigV4(await presignedRequest('GET', 60), keys, secondsAfterSigning(61)),
    ).toMatchObject({
      ok: false,
      status: 403,
      message: 'Request has expired',
    });
  });

  it('refuses a URL whose lifetime, key or method was changed after signing', async () => {
    const request = await presignedRequest('GET', 60);
    const stretched = {
      ...request,
      url: request.url.replace('X-Amz-Expires=60', 'X-Amz-Expires=6000'),
    };
    expect(verifySigV4(stretched, keys, secondsAfterSigning(30))).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    const otherKey = { ...request, url: request.url.replace('c%2Bd.png', 'other.png') };
    expect(verifySigV4(otherKey, keys, secondsAfterSigning(30))).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    expect(
      verifySigV4({ ...request, method: 'DELETE' }, keys, secondsAfterSigning(30)),
    ).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('refuses URLs signed with other credentials', async () => {
    const request = await presignedRequest('GET');
    expect(
      verifySigV4(request, { ...keys, secretKey: 'another' }, secondsAfterSigning(1)),
    ).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(
      verifySigV4(request, { ...keys, accessKey: 'OTHER' }, secondsAfterSigning(1)),
    ).toMatchObject({ code: 'InvalidAccessKeyId' });
  });
});

describe('verifySigV4 on other requests', () => {
  it('refuses anonymous requests but lets CORS preflights and V2 signatures through to s3rver', () => {
    expect(verifySigV4({ method: 'GET', url: '/images/a.png', headers: {} }, keys)).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect(verifySigV4({ method: 'OPTIONS', url: '/images/a.png', headers: {} }, keys)).toEqual({
      ok: true,
    });
    expect(
      verifySigV4(
        { method: 'GET', url: '/images/a.png', headers: { authorization: 'AWS KEY:sig' } },
        keys,
      ),
    ).toEqual({ ok: true });
  });

  it('refuses header-signed requests that are malformed or too far from the server clock', () => {
    const base = { method: 'GET', url: '/images/a.png' };
    const authorization = `AWS4-HMAC-SHA256 Credential=${keys.accessKey}/20260102/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
    expect(verifySigV4({ ...base, headers: { authorization } }, keys)).toMatchObject({
      status: 400,
      code: 'AuthorizationHeaderMalformed',
    });
    const headers = {
      authorization,
      host: 'h',
      'x-amz-date': '20260102T030405Z',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    };
    expect(verifySigV4({ ...base, headers }, keys, secondsAfterSigning(16 * 60))).toMatchObject({
      code: 'RequestTimeTooSkewed',
    });
    expect(verifySigV4({ ...base, headers }, keys, secondsAfterSigning(1))).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });
});
