import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowCrossOrigin, answerCorsPreflight } from './s3-cors.ts';

function fakeResponse() {
  const sent: { status?: number; headers: Record<string, string> } = { headers: {} };
  const response = {
    writeHead: (status: number, headers: Record<string, string>) => {
      sent.status = status;
      Object.assign(sent.headers, headers);
      return response;
    },
    setHeader: (name: string, value: string) => {
      sent.headers[name] = value;
    },
    end: () => undefined,
  };
  return { response: response as unknown as ServerResponse, sent };
}

const request = (method: string, headers: Record<string, string>) => ({ method, url: '/images/key', headers }) as unknown as IncomingMessage;

describe('CORS in front of the embedded S3 server', () => {
  it('answers a browser preflight for a presigned PUT with the headers it asked for', () => {
    const { response, sent } = fakeResponse();
    const preflight = request('OPTIONS', { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' });
    expect(answerCorsPreflight(preflight, response)).toBe(true);
    expect(sent).toEqual({
      status: 204,
      headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, HEAD, PUT', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': '600' },
    });
  });

  it('leaves other requests to the signature check and lets the page read the ETag of a part', () => {
    const { response, sent } = fakeResponse();
    expect(answerCorsPreflight(request('OPTIONS', {}), response)).toBe(false);
    expect(answerCorsPreflight(request('PUT', { origin: 'http://console' }), response)).toBe(false);
    allowCrossOrigin(request('PUT', {}), response);
    expect(sent.headers).toEqual({});
    allowCrossOrigin(request('PUT', { origin: 'http://console' }), response);
    expect(sent.headers).toEqual({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag' });
  });
});
