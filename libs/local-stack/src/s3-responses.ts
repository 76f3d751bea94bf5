import type { IncomingMessage, ServerResponse } from 'node:http';

/** S3 bucket names: 3-63 of lower-case letters, digits, dots and hyphens. */
const BUCKET_PATH = /^\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?$/;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Answers ListMultipartUploads (`GET /<bucket>?uploads`) with an empty list. s3rver 3.7 lacks the
 * call and the minio client makes it before every multipart upload, to resume an unfinished one;
 * "none in progress" is true for s3rver, which forgets unfinished uploads on restart anyway.
 * Returns false for any other request, which then goes to s3rver.
 */
export function answerListMultipartUploads(
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  if (request.method !== 'GET' || request.url === undefined) return false;
  const url = new URL(request.url, 'http://s3.local');
  const bucket = BUCKET_PATH.exec(url.pathname)?.[1];
  if (bucket === undefined || !url.searchParams.has('uploads')) return false;
  const prefix = url.searchParams.get('prefix') ?? '';
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Bucket>${escapeXml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>` +
    `<NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker><Prefix>${escapeXml(prefix)}</Prefix>` +
    '<MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>';
  response.writeHead(200, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
  return true;
}

/** Answers with an S3 error document, which S3 clients turn into an error with this code. */
export function sendS3Error(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headOnly = false,
): void {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`;
  response.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(headOnly ? undefined : body);
}
