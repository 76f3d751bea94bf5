import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { answerListMultipartUploads } from './s3-responses.ts';

function fakeResponse() {
  const sent: { status?: number; body?: string } = {};
  const response = {
    writeHead: (status: number) => {
      sent.status = status;
      return response;
    },
    end: (body: string) => {
      sent.body = body;
    },
  };
  return { response: response as unknown as ServerResponse, sent };
}

const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;

describe('answerListMultipartUploads', () => {
  it('answers GET /<bucket>?uploads with an empty listing for that bucket', () => {
    const { response, sent } = fakeResponse();
    expect(
      answerListMultipartUploads(request('GET', '/images?uploads&prefix=a%2Fb.raw'), response),
    ).toBe(true);
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('<Bucket>images</Bucket>');
    expect(sent.body).toContain('<Prefix>a/b.raw</Prefix>');
    expect(sent.body).toContain('<IsTruncated>false</IsTruncated>');
    expect(sent.body).not.toContain('<Upload>');
  });

  it('leaves every other request to s3rver', () => {
    for (const [method, url] of [
      ['GET', '/images'],
      ['GET', '/images/key?uploads'],
      ['POST', '/images/key?uploads'],
      ['PUT', '/images?uploads'],
      ['GET', '/?uploads'],
    ] as const) {
      expect(answerListMultipartUploads(request(method, url), fakeResponse().response)).toBe(false);
    }
  });
});
