import type { ErrorRequestHandler } from 'express';

/**
 * Bodies express.json refuses (not JSON, over the size limit) as GraphQL errors in JSON: express
 * would answer an HTML page, with a stack trace in development.
 */
export const requestBodyErrors: ErrorRequestHandler = (error: { status?: unknown; type?: unknown }, _req, res, next) => {
  // body-parser's errors carry a `type`; anything else is not about the body and goes on.
  if (res.headersSent || typeof error.type !== 'string') {
    next(error);
    return;
  }
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 400;
  const message =
    error.type === 'entity.too.large' ? 'the request body is too large' : error.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : 'the request body could not be read';
  res.status(status).json({ errors: [{ message, extensions: { code: 'INVALID_INPUT', retryable: false } }] });
};
