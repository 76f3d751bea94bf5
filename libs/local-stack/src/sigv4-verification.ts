import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * AWS Signature Version 4 checks for the embedded S3 server. s3rver 3.7 parses V4 requests but
 * never checks their signature (and serves anonymous requests), so without this a tampered
 * presigned URL, a wrong secret key or no credentials at all would work locally and fail only
 * against MinIO. Hand-written because no maintained npm package verifies (rather than signs) V4.
 */

export interface SigV4Keys {
  accessKey: string;
  secretKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
}

export type SigV4Verdict =
  { ok: true } | { ok: false; status: 400 | 403; code: string; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const ok: SigV4Verdict = { ok: true };
const refuse = (status: 400 | 403, code: string, message: string): SigV4Verdict => ({
  ok: false,
  status,
  code,
  message,
});

/** Decides whether a request may reach the store. Signature V2 requests are left to s3rver, which checks those. */
export function verifySigV4(
  request: SignedRequest,
  keys: SigV4Keys,
  now: Date = new Date(),
): SigV4Verdict {
  // CORS preflights carry no credentials by design.
  if (request.method === 'OPTIONS') return ok;
  const [path = '/', rawQuery = ''] = splitOnce(request.url, '?');
  const query = parseQuery(rawQuery);
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = query.some(([name]) => name === 'X-Amz-Algorithm');

  if (authorization?.startsWith(`${ALGORITHM} `))
    return verifyHeaderAuth(request, path, query, authorization, keys, now);
  if (presigned) return verifyPresigned(request, path, query, keys, now);
  if (authorization?.startsWith('AWS ') || query.some(([name]) => name === 'Signature')) return ok;
  return refuse(
    403,
    'AccessDenied',
    'anonymous access is not allowed; sign the request or use a presigned URL',
  );
}

function verifyHeaderAuth(
  request: SignedRequest,
  path: string,
  query: [string, string][],
  authorization: string,
  keys: SigV4Keys,
  now: Date,
): SigV4Verdict {
  const fields = new Map(
    authorization
      .slice(ALGORITHM.length + 1)
      .split(',')
      .map((part) => splitOnce(part.trim(), '=') as [string, string]),
  );
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (!credential || !signedHeaders || !signature || !amzDate || !payloadHash) {
    return refuse(
      400,
      'AuthorizationHeaderMalformed',
      'the Authorization header or its x-amz-date / x-amz-content-sha256 is missing parts',
    );
  }
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined)
    return refuse(
      400,
      'AuthorizationHeaderMalformed',
      `x-amz-date is not an ISO 8601 basic date: ${amzDate}`,
    );
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_SKEW_MS) {
    return refuse(
      403,
      'RequestTimeTooSkewed',
      'the difference between the request time and the server time is too large',
    );
  }
  return checkSignature({
    request,
    path,
    query,
    credential,
    signedHeaders,
    signature,
    amzDate,
    payloadHash,
    keys,
  });
}

function verifyPresigned(
  request: SignedRequest,
  path: string,
  query: [string, string][],
  keys: SigV4Keys,
  now: Date,
): SigV4Verdict {
  const param = (name: string) => query.find(([key]) => key === name)?.[1];
  const credential = param('X-Amz-Credential');
  const signedHeaders = param('X-Amz-SignedHeaders');
  const signature = param('X-Amz-Signature');
  const amzDate = param('X-Amz-Date');
  const expires = Number(param('X-Amz-Expires'));
  if (
    param('X-Amz-Algorithm') !== ALGORITHM ||
    !credential ||
    !signedHeaders ||
    !signature ||
    !amzDate ||
    !Number.isInteger(expires)
  ) {
    return refuse(
      400,
      'AuthorizationQueryParametersError',
      'a presigned URL needs X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders and -Signature',
    );
  }
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || expires < 0 || expires > MAX_PRESIGN_SECONDS) {
    return refuse(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Date or X-Amz-Expires is malformed',
    );
  }
  if (signedAt.getTime() - now.getTime() > MAX_SKEW_MS)
    return refuse(403, 'AccessDenied', 'Request is not valid yet');
  if (now.getTime() > signedAt.getTime() + expires * 1000)
    return refuse(403, 'AccessDenied', 'Request has expired');
  const unsigned = query.filter(([name]) => name !== 'X-Amz-Signature');
  return checkSignature({
    request,
    path,
    query: unsigned,
    credential,
    signedHeaders,
    signature,
    amzDate,
    payloadHash: 'UNSIGNED-PAYLOAD',
    keys,
  });
}

interface SignatureInputs {
  request: SignedRequest;
  path: string;
  query: [string, string][];
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string;
  payloadHash: string;
  keys: SigV4Keys;
}

function checkSignature(inputs: SignatureInputs): SigV4Verdict {
  const { request, path, query, credential, signedHeaders, amzDate, payloadHash, keys } = inputs;
  const scope = CREDENTIAL.exec(credential);
  if (scope === null)
    return refuse(400, 'AuthorizationHeaderMalformed', `malformed credential scope: ${credential}`);
  const [, accessKey, day, region] = scope as unknown as [string, string, string, string];
  if (accessKey !== keys.accessKey)
    return refuse(403, 'InvalidAccessKeyId', 'the access key id does not exist in our records');
  if (!amzDate.startsWith(day))
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'the credential date does not match the request date',
    );

  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames
    .map(
      (name) =>
        `${name}:${(headerValue(request.headers, name) ?? '').trim().replace(/ +/g, ' ')}\n`,
    )
    .join('');
  const canonicalQuery = query
    .map(([name, value]) => [awsEncode(name), awsEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = [
    ALGORITHM,
    amzDate,
    `${day}/${region}/s3/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');

  let key: Buffer = hmac(`AWS4${keys.secretKey}`, day);
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const provided = Buffer.from(inputs.signature);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'the request signature we calculated does not match the signature you provided',
    );
  }
  return ok;
}

const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: string): string => createHash('sha256').update(data).digest('hex');
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, spaces as %20. */
function awsEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function parseQuery(raw: string): [string, string][] {
  if (raw === '') return [];
  return raw.split('&').map((pair) => {
    const [name = '', value = ''] = splitOnce(pair, '=');
    return [safeDecode(name), safeDecode(value)];
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at === -1 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(text: string): Date | undefined {
  const parts = AMZ_DATE.exec(text);
  if (parts === null) return undefined;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
