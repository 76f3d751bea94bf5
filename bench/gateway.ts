/**
 * `pnpm bench:gateway`: what a LIMS polls, through gateway -> NATS -> services (-> PostgreSQL):
 * `me`, `imageByLimsId` and `health`, at a fixed 500 requests/s (latency, open-loop: each request
 * leaves when due and is timed from then, see gateway-load.ts) and unthrottled (throughput), each
 * next to the same fields in a bare Apollo server answering from memory. The platform answers
 * `me` from its key cache, `health` from the services' reports and `imageByLimsId` from its
 * lookup cache (kept true by the dataset service's confirmed invalidations): after the first
 * request none of the three crosses NATS, which is what lets it keep pace with in-memory answers.
 * Every server and the load generator (autocannon, bench/gateway-load.ts) run in processes of
 * their own, so the load never shares an event loop with what it measures; platform and bare
 * Apollo take turns per scenario, so a change in the machine's load reaches both. Besides latency
 * and throughput, the CPU time each server process spent per request (from /proc): on a shared
 * machine that moves much less with the neighbours than latency does. Loopback only.
 *
 * BENCH_SECONDS (default 30): seconds at 500/s; a third of it unthrottled. BENCH_SCENARIOS
 * (default all): e.g. `me,imageByLimsId` (without `health` only identity and dataset start).
 * BENCH_CPU_PROF=DIR: every server process writes a V8 CPU profile there when it stops.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ServiceProcess, infrastructureEnvironment } from '@microseg/launcher';
import { silentLogger } from '@microseg/logging';
import { findFreePort } from '@microseg/local-stack';
import { grayPng, putToUrl, sha256 } from '../test/datasets/images.ts';
import { startTestPlatform } from '../test/harness/platform.ts';
import type { LoadOptions, LoadSummary } from './gateway-load.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 30);
const THROUGHPUT_SECONDS = Math.max(5, Math.round(SECONDS / 3));
const RATE = 500;
const CONNECTIONS = 32;
const GOAL_P99_MS = 20;
const GOAL_RATIO = 0.7;
const LIMS_ID = 'S-1';
const ROOT = resolve(import.meta.dirname, '..');
const CPU_PROFILES = process.env['BENCH_CPU_PROF'] ? resolve(process.env['BENCH_CPU_PROF']) : undefined;
const PROFILE_OPTIONS: Record<string, string> = CPU_PROFILES
  ? { NODE_OPTIONS: `--import=${resolve(import.meta.dirname, 'cpu-profile.js')}`, CPU_PROFILE_DIR: CPU_PROFILES }
  : {};

const SCENARIOS = {
  health: { query: '{ health { status services { service status } } }', variables: {}, key: false },
  me: { query: '{ me { groupId groupName role } }', variables: {}, key: true },
  imageByLimsId: {
    query: 'query Poll($limsId: ID!) { imageByLimsId(limsId: $limsId) { id datasetId name limsId width height sha256 hasMask createdAt } }',
    variables: { limsId: LIMS_ID },
    key: true,
  },
} as const;
type Scenario = keyof typeof SCENARIOS;
const CHOSEN = new Set((process.env['BENCH_SCENARIOS'] ?? Object.keys(SCENARIOS).join(',')).split(',') as Scenario[]);
for (const scenario of CHOSEN) if (!(scenario in SCENARIOS)) throw new Error(`BENCH_SCENARIOS: no scenario ${scenario} (${Object.keys(SCENARIOS).join(', ')})`);

interface Target {
  name: string;
  url: string;
  /** The process that answers HTTP, and the services behind it: their CPU time is charged to the requests. */
  front: () => number | undefined;
  behind: () => number[];
}

interface Result extends LoadSummary {
  scenario: Scenario;
  target: string;
  mode: 'fixed' | 'max';
  frontCpuMsPerRequest: number;
  /** Includes what the services do anyway while idle (outbox relays, probes): a floor under small rates. */
  behindCpuMsPerRequest: number;
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User plus system CPU milliseconds a process has spent (fields 14 and 15 of /proc/PID/stat). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Runs the load generator as a child process and reads its one-line summary. */
function generateLoad(options: LoadOptions): Promise<LoadSummary> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'gateway-load.ts'), JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolvePromise(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadSummary);
    });
  });
}

function loadOptions(url: string, scenario: Scenario, apiKey: string, seconds: number, rate?: number): LoadOptions {
  const { query, variables, key } = SCENARIOS[scenario];
  return {
    url,
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${apiKey}` } : {}) },
    seconds,
    connections: CONNECTIONS,
    ...(rate ? { rate } : {}),
  };
}

async function measure(target: Target, scenario: Scenario, apiKey: string, mode: 'fixed' | 'max'): Promise<Result> {
  const options = mode === 'fixed' ? loadOptions(target.url, scenario, apiKey, SECONDS, RATE) : loadOptions(target.url, scenario, apiKey, THROUGHPUT_SECONDS);
  const front = target.front();
  const behind = target.behind();
  const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const before = { front: front === undefined ? 0 : cpuMs(front), behind: cpuOf(behind) };
  const summary = await generateLoad(options);
  const perRequest = (ms: number) => ms / Math.max(1, summary.requests);
  return {
    scenario,
    target: target.name,
    mode,
    ...summary,
    frontCpuMsPerRequest: perRequest((front === undefined ? 0 : cpuMs(front)) - before.front),
    behindCpuMsPerRequest: perRequest(cpuOf(behind) - before.behind),
  };
}

/** One request through the target, refused loudly unless it answers data without errors. */
async function expectAnswer(url: string, scenario: Scenario, apiKey: string): Promise<void> {
  const { query, variables, key } = SCENARIOS[scenario];
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || body.errors?.length || !body.data) throw new Error(`${scenario} at ${url} answered ${response.status}: ${JSON.stringify(body)}`);
}

async function startBareApollo(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'gateway-bare-apollo.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...PROFILE_OPTIONS },
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    lines.close();
    return { child, url: (JSON.parse(line) as { url: string }).url };
  }
  throw new Error('the bare Apollo server exited before it listened');
}

async function waitUntilAnswering(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SCENARIOS.health.query }) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer`);
}

/** The bench measures the request path at full speed: rate limits would only count its 429s. */
const NO_RATE_LIMITS = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', RATE_LIMIT_KEY_PER_MINUTE: '0', RATE_LIMIT_GROUP_PER_MINUTE: '0' };
const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const results: Result[] = [];
const test = await startTestPlatform(CHOSEN.has('health') ? ['identity', 'dataset', 'training', 'inference', 'metrology'] : ['identity', 'dataset'], {
  ...NO_RATE_LIMITS,
  ...PROFILE_OPTIONS,
});
// A second gateway that asks the identity and dataset services (and PostgreSQL) on every request:
// what the caches save.
const uncachedPort = await findFreePort();
const uncached = new ServiceProcess({
  name: 'gateway-uncached',
  cwd: resolve(ROOT, 'services/gateway'),
  env: {
    ...infrastructureEnvironment(test.infrastructure, 'gateway'),
    GATEWAY_PORT: String(uncachedPort),
    AUTH_CACHE_TTL_MS: '0',
    IMAGE_LOOKUP_CACHE_TTL_MS: '0',
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
  const lab = await test.newGroup('bench');
  const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
    'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
    { input: { name: 'LIMS polling', classes: [{ index: 0, name: 'matrix', color: '#000000' }, { index: 1, name: 'precipitate', color: '#ffffff' }] } },
  );
  const bytes = await grayPng(24, 16, 1);
  const { createImageUpload: ticket } = await lab.client.request<{ createImageUpload: { uploadId: string; url: string } }>(
    'mutation($input: CreateImageUploadInput!) { createImageUpload(input: $input) { uploadId url } }',
    { input: { datasetId: createDataset.id, fileName: `${LIMS_ID}.png`, sizeBytes: bytes.length, sha256: sha256(bytes) } },
  );
  await putToUrl(ticket.url, bytes);
  await lab.client.request('mutation($input: CompleteImageUploadInput!) { completeImageUpload(input: $input) { image { id } } }', {
    input: { uploadId: ticket.uploadId, limsId: LIMS_ID },
  });

  const uncachedUrl = `http://127.0.0.1:${uncachedPort}/graphql`;
  await waitUntilAnswering(uncachedUrl);
  const processOf = (name: 'gateway' | 'identity' | 'dataset') => test.platform.processes.get(name)?.pid;
  const pidsOf = (...ids: (number | undefined)[]) => () => ids.filter((pid): pid is number => pid !== undefined);
  const platform: Target = { name: 'platform', url: test.graphqlUrl, front: () => processOf('gateway'), behind: pidsOf(processOf('identity'), processOf('dataset')) };
  const platformUncached: Target = { name: 'platform, uncached', url: uncachedUrl, front: () => uncached.pid, behind: pidsOf(processOf('identity'), processOf('dataset')) };
  const bareApollo: Target = { name: 'bare Apollo', url: bare.url, front: () => bare.child.pid, behind: () => [] };
  const plan: [Scenario, Target[]][] = [
    ['me', [platform, bareApollo, platformUncached]],
    ['imageByLimsId', [platform, bareApollo, platformUncached]],
    ['health', [platform, bareApollo]],
  ];
  for (const [scenario, targets] of plan.filter(([scenario]) => CHOSEN.has(scenario))) {
    for (const target of targets) {
      await expectAnswer(target.url, scenario, lab.apiKey);
      await generateLoad(loadOptions(target.url, scenario, lab.apiKey, 2)); // warm-up: JIT, caches, connections
    }
    for (const mode of ['fixed', 'max'] as const) {
      for (const target of targets) results.push(await measure(target, scenario, lab.apiKey, mode));
    }
  }
} finally {
  bare.child.kill('SIGTERM');
  await uncached.stop();
  uncached.close();
  await test.stop();
}
const loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const modeName = (mode: 'fixed' | 'max') => (mode === 'fixed' ? `${RATE}/s for ${SECONDS}s` : `max for ${THROUGHPUT_SECONDS}s`);
console.log(`\nload average before ${loadBefore}, after ${loadAfter} (${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores); ${CONNECTIONS} connections`);
console.log('CPU ms/req: CPU time per answered request of the process answering HTTP (gateway or bare Apollo), and of identity + dataset');
console.log('scenario       target                    mode              req/s   p50 ms  p99 ms  errors  CPU ms/req  services');
for (const r of results) {
  console.log(
    `${r.scenario.padEnd(14)} ${r.target.padEnd(25)} ${modeName(r.mode).padEnd(17)} ${r.rps.toFixed(0).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.errors).padStart(6)}  ${r.frontCpuMsPerRequest.toFixed(2).padStart(10)}  ${r.behindCpuMsPerRequest.toFixed(2).padStart(8)}`,
  );
}
for (const scenario of Object.keys(SCENARIOS) as Scenario[]) {
  const find = (target: string, mode: 'fixed' | 'max') => results.find((r) => r.scenario === scenario && r.target === target && r.mode === mode);
  const [platformMax, bareMax, platformFixed, bareFixed] = [find('platform', 'max'), find('bare Apollo', 'max'), find('platform', 'fixed'), find('bare Apollo', 'fixed')];
  if (!platformMax || !bareMax || !platformFixed || !bareFixed) continue;
  const ratio = platformMax.rps / bareMax.rps;
  const met = ratio >= GOAL_RATIO && platformFixed.p99 <= GOAL_P99_MS && platformFixed.errors === 0;
  console.log(
    `${scenario}: throughput ${ratio.toFixed(2)}x bare Apollo (goal >= ${GOAL_RATIO}); p99 at ${RATE}/s ${platformFixed.p99} ms, bare Apollo ${bareFixed.p99} ms (goal <= ${GOAL_P99_MS}); ` +
      `gateway CPU per request ${(platformFixed.frontCpuMsPerRequest / bareFixed.frontCpuMsPerRequest).toFixed(1)}x bare Apollo's; ${met ? 'met' : 'MISSED'}`,
  );
}
