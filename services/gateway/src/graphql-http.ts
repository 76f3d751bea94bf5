import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { MicroSegError } from '@microseg/errors';
import bodyParser from 'body-parser';
import { answerBodyError } from './request-body-errors.ts';

export interface GraphqlHttpOptions<TContext extends BaseContext> {
  /** Where the API answers; any other path is 404. */
  path: string;
  /** Largest request body read (body-parser's `limit`). */
  maxBodyBytes: number;
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Runs around each request to the API (its tracing span); calls `next` to go on. */
  around?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}

/**
 * The GraphQL API as a plain Node request listener: JSON body (body-parser, as Apollo's own
 * standalone server reads it), Apollo's HTTP request handling, its answer written back. Express
 * was here before, for one route and one body parser: its router, request and response wrapping
 * were a tenth of the gateway's CPU per request.
 */
export function graphqlHttpListener<TContext extends BaseContext>(apollo: ApolloServer<TContext>, options: GraphqlHttpOptions<TContext>): RequestListener {
  apollo.assertStarted('graphqlHttpListener()');
  const readJson = bodyParser.json({ limit: options.maxBodyBytes });
  const path = options.path.toLowerCase();
  const answer = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, search: string) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body: req.body },
        context: () => options.context(req),
      })
      .then(async (response) => {
        for (const [key, value] of response.headers) res.setHeader(key, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === 'complete') {
          res.end(response.body.string);
          return;
        }
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch(() => internalError(res));
  };
  return (req, res) => {
    // Split by hand: a WHATWG URL per request costs more than everything else done here.
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const pathname = (queryAt === -1 ? target : target.slice(0, queryAt)).toLowerCase();
    const search = queryAt === -1 ? '' : target.slice(queryAt);
    if (pathname !== path && !pathname.startsWith(`${path}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const handle = () =>
      readJson(req, res, (error?: unknown) => {
        if (error) answerBodyError(error, res);
        else answer(req, res, search);
      });
    if (options.around) options.around(req, res, handle);
    else handle();
  };
}

/** Apollo answers its own failures; this is for one it threw, or a response that broke off. */
function internalError(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const failure = new MicroSegError('INTERNAL', 'internal error');
  res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message: failure.message, extensions: { code: failure.code, retryable: failure.retryable } }] }));
}
