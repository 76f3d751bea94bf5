import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Lets a browser page (the web console) use presigned URLs directly: PUT an upload or its parts,
 * read the ETag of each part, GET an object. Any origin: a presigned URL is already the
 * credential, and every request but the preflight must still carry a valid signature. A real
 * bucket needs the same rule (README, "Web console"). s3rver would want a CORS document per
 * bucket, but the services create their buckets themselves, so the rule lives in front of it.
 */
export function allowCrossOrigin(request: IncomingMessage, response: ServerResponse): void {
  if (request.headers.origin === undefined) return;
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'ETag');
}

/** Answers a CORS preflight (OPTIONS with an Origin and a requested method); false for any other request. */
export function answerCorsPreflight(request: IncomingMessage, response: ServerResponse): boolean {
  const method = request.headers['access-control-request-method'];
  if (request.method !== 'OPTIONS' || request.headers.origin === undefined || method === undefined) return false;
  response.writeHead(204, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, HEAD, PUT',
    'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '',
    'Access-Control-Max-Age': '600',
  });
  response.end();
  return true;
}
