import { SpanKind, contextFromHeaders, inSpan, traceHeaders } from '@microseg/telemetry';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One span per HTTP request to /graphql, continuing the caller's trace when it sends W3C
 * `traceparent` (a LIMS that traces its own calls). Everything the request causes (service calls,
 * outbox rows, jobs, webhook deliveries) joins this trace. The `traceresponse` header tells the
 * caller which trace to look up.
 */
export function traceGraphqlRequests(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    void inSpan('graphql', { kind: SpanKind.SERVER, parent: contextFromHeaders(req.headers), attributes: { 'http.request.method': req.method ?? 'GET' } }, (span) => {
      const traceparent = traceHeaders()['traceparent'];
      if (traceparent) res.setHeader('traceresponse', traceparent);
      return new Promise<void>((resolve) => {
        res.once('finish', () => {
          span.setAttribute('http.response.status_code', res.statusCode);
          resolve();
        });
        res.once('close', () => resolve());
        next();
      });
    });
  };
}
