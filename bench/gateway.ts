/**
 * `pnpm bench:gateway`: `health` and `me` through gateway -> NATS -> services (-> PostgreSQL), at a
 * fixed 500 requests/s for 30 s (latency) and unthrottled (throughput), next to the same operations
 * in a bare Apollo server whose resolvers answer from memory. Loopback only; bounded in time.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ServiceProcess, infrastructureEnvironment } from '@microseg/launcher';
import { silentLogger } from '@microseg/logging';
import { findFreePort } from '@microseg/local-stack';
import autocannon from 'autocannon';
import { startTestPlatform } from '../test/harness/platform.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 30);
const THROUGHPUT_SECONDS = Math.max(5, Math.round(SECONDS / 3));
const RATE = 500;
const ROOT = resolve(import.meta.dirname, '..');

const queries = {
  health: '{ health { status services { service status } } }',
  me: '{ me { groupId groupName role } }',
};

interface Result {
  scenario: string;
  target: string;
  mode: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, query: string, apiKey: string | undefined, rate: number | undefined, seconds: number) {
  const result = await autocannon({
    url,
    method: 'POST',
    duration: seconds,
    connections: 32,
    ...(rate ? { overallRate: rate } : {}),
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function startBareApollo(): Promise<{ url: string; stop: () => Promise<void> }> {
  const typeDefs = readFileSync(resolve(ROOT, 'schema.graphql'), 'utf8');
  const me = { groupId: '00000000-0000-4000-8000-000000000001', groupName: 'bench', role: 'admin' };
  const server = new ApolloServer({
    typeDefs,
    resolvers: {
      Query: {
        me: () => me,
        health: () => ({
          status: 'up',
          services: ['identity', 'dataset', 'training', 'inference', 'metrology'].map((service) => ({ service, status: 'up', checks: [] })),
        }),
      },
    },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: await findFreePort(), host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

/** The bench measures the request path at full speed: rate limits would only count its 429s. */
const NO_RATE_LIMITS = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', RATE_LIMIT_KEY_PER_MINUTE: '0', RATE_LIMIT_GROUP_PER_MINUTE: '0' };
const results: Result[] = [];
const test = await startTestPlatform(['identity', 'dataset', 'training', 'inference', 'metrology'], NO_RATE_LIMITS);
// A second gateway that asks the identity service (and PostgreSQL) on every request.
const uncachedPort = await findFreePort();
const uncached = new ServiceProcess({
  name: 'gateway-uncached',
  cwd: resolve(ROOT, 'services/gateway'),
  env: {
    ...infrastructureEnvironment(test.infrastructure, 'gateway'),
    GATEWAY_PORT: String(uncachedPort),
    AUTH_CACHE_TTL_MS: '0',
    LOG_LEVEL: 'warn',
    ...NO_RATE_LIMITS,
  },
  logDir: resolve(ROOT, '.microseg/bench-logs'),
  logger: silentLogger,
  restartOnCrash: false,
});
uncached.start();
const bare = await startBareApollo();
try {
  const { apiKey } = await test.newGroup('bench');
  const uncachedUrl = `http://127.0.0.1:${uncachedPort}/graphql`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(uncachedUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: queries.health }) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const targets = [
    { target: 'platform', url: test.graphqlUrl, scenarios: ['health', 'me'] as const },
    { target: 'platform, auth uncached', url: uncachedUrl, scenarios: ['me'] as const },
    { target: 'bare Apollo', url: bare.url, scenarios: ['health', 'me'] as const },
  ];
  for (const { target, url, scenarios } of targets) {
    for (const scenario of scenarios) {
      const key = scenario === 'me' ? apiKey : undefined;
      await load(url, queries[scenario], key, undefined, 2); // warm-up
      results.push({ scenario, target, mode: `${RATE}/s for ${SECONDS}s`, ...(await load(url, queries[scenario], key, RATE, SECONDS)) });
      results.push({ scenario, target, mode: `max for ${THROUGHPUT_SECONDS}s`, ...(await load(url, queries[scenario], key, undefined, THROUGHPUT_SECONDS)) });
    }
  }
} finally {
  await uncached.stop();
  uncached.close();
  await bare.stop();
  await test.stop();
}

console.log('\nscenario  target                    mode              req/s    p50 ms  p99 ms  errors');
for (const r of results) {
  console.log(
    `${r.scenario.padEnd(9)} ${r.target.padEnd(25)} ${r.mode.padEnd(17)} ${r.rps.toFixed(0).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${r.errors}`,
  );
}
for (const scenario of ['health', 'me']) {
  const platform = results.find((r) => r.scenario === scenario && r.target === 'platform' && r.mode.startsWith('max'));
  const bareMax = results.find((r) => r.scenario === scenario && r.target === 'bare Apollo' && r.mode.startsWith('max'));
  const fixed = results.find((r) => r.scenario === scenario && r.target === 'platform' && !r.mode.startsWith('max'));
  if (platform && bareMax && fixed) {
    console.log(
      `${scenario}: throughput ${(platform.rps / bareMax.rps).toFixed(2)}x bare Apollo (goal >= 0.7); p99 at ${RATE}/s ${fixed.p99} ms (goal <= 20)`,
    );
  }
}
