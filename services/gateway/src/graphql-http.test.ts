import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlHttpListener } from './graphql-http.ts';
import { clientAddressOf } from './request-context.ts';

interface Context {
  address: string | undefined;
}

const apollo = new ApolloServer<Context>({
  typeDefs: 'type Query { hello(name: String): String, address: String }',
  resolvers: { Query: { hello: (_parent, { name }: { name?: string }) => `hello ${name ?? 'lab'}`, address: (_parent, _args, context: Context) => context.address } },
  csrfPrevention: true,
});
const server = createServer();
let base = '';

async function serve(trustProxy?: string) {
  const clientAddress = clientAddressOf(trustProxy);
  server.removeAllListeners('request');
  server.on('request', graphqlHttpListener(apollo, { path: '/graphql', maxBodyBytes: 1_000, context: async (req: IncomingMessage) => ({ address: clientAddress(req) }) }));
}

const post = (body: string, headers: Record<string, string> = {}, path = '/graphql') =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

beforeAll(async () => {
  await apollo.start();
  await serve();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await apollo.stop();
  await new Promise((resolve) => server.close(resolve));
});

describe('graphqlHttpListener', () => {
  it('answers a POSTed operation with its variables, and a GET with the operation in the query string', async () => {
    const posted = await post(JSON.stringify({ query: 'query($name: String) { hello(name: $name) }', variables: { name: 'LIMS' } }));
    expect(posted.status).toBe(200);
    expect(posted.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await posted.json()).toEqual({ data: { hello: 'hello LIMS' } });
    const got = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await got.json()).toEqual({ data: { hello: 'hello lab' } });
  });

  it('keeps Apollo CSRF prevention: a GET without a preflight header is refused', async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`);
    expect(response.status).toBe(400);
  });

  it('answers malformed JSON and an oversized body with a JSON GraphQL error, 400 and 413', async () => {
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'INVALID_INPUT', retryable: false } }] });
    const large = await post(JSON.stringify({ query: `{ hello(name: "${'x'.repeat(2_000)}") }` }));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ errors: [{ message: 'the request body is too large', extensions: { code: 'INVALID_INPUT' } }] });
  });

  it('answers 404 beside the API path', async () => {
    expect((await post(JSON.stringify({ query: '{ hello }' }), {}, '/other')).status).toBe(404);
    expect((await post(JSON.stringify({ query: '{ hello }' }), {}, '/graphqlx')).status).toBe(404);
  });

  it('takes the client address from the socket, or from X-Forwarded-For behind a trusted proxy', async () => {
    const ask = async () => ((await (await post(JSON.stringify({ query: '{ address }' }), { 'x-forwarded-for': '203.0.113.9' })).json()) as { data: { address: string } }).data.address;
    await serve();
    expect(await ask()).toBe('127.0.0.1');
    await serve('loopback');
    expect(await ask()).toBe('203.0.113.9');
    await serve('1');
    expect(await ask()).toBe('203.0.113.9');
    await serve('10.0.0.0/8');
    expect(await ask()).toBe('127.0.0.1');
  });
});
