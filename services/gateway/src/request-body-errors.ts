import type { ServerResponse } from 'node:http';

/**
 * Bodies body-parser refuses (not JSON, over the size limit, a charset or encoding it cannot
 * read) as GraphQL errors in JSON, never an HTML page or a stack trace.
 */
export function answerBodyError(error: unknown, res: ServerResponse): void {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
  const message =
    type === 'entity.too.large' ? 'the request body is too large' : type === 'entity.parse.failed' ? 'the request body is not valid JSON' : 'the request body could not be read';
  res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'INVALID_INPUT', retryable: false } }] }));
}
