/**
 * The reference of `bench/gateway.ts`: the platform's schema in a bare Apollo server whose
 * resolvers answer from memory, in its own process like the gateway. Prints `{"url": ...}` once
 * it listens; stops on SIGTERM (so `--cpu-prof` can write its profile).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const ROOT = resolve(import.meta.dirname, '..');
const port = Number(process.argv[2] ?? 0);

const me = {
  groupId: '00000000-0000-4000-8000-000000000001',
  groupName: 'bench',
  memberId: '00000000-0000-4000-8000-000000000002',
  role: 'ADMIN',
  scopes: null,
};
const image = {
  id: '00000000-0000-4000-8000-000000000003',
  datasetId: '00000000-0000-4000-8000-000000000004',
  name: 'S-1',
  fileName: 'S-1.png',
  format: 'PNG',
  lossy: false,
  width: 24,
  height: 16,
  channels: 1,
  bitDepth: 8,
  pixelSize: null,
  pixelSizeSource: null,
  sha256: '0'.repeat(64),
  sizeBytes: 500,
  metadata: {},
  limsId: 'S-1',
  hasMask: false,
  createdAt: new Date().toISOString(),
};
const health = {
  status: 'UP',
  services: ['identity', 'dataset', 'training', 'inference', 'metrology'].map((service) => ({
    service,
    status: 'UP',
    version: null,
    instance: null,
    uptimeSeconds: null,
    checks: [],
  })),
};

const server = new ApolloServer({
  typeDefs: readFileSync(resolve(ROOT, 'schema.graphql'), 'utf8'),
  resolvers: { Query: { me: () => me, health: () => health, imageByLimsId: () => image } },
});
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
