// `pnpm test:images`: builds a base image from Debian packages and Node's npm package
// (build-base.sh), builds every CPU service image from the root Dockerfile on it, starts them
// read-only and as their image's non-root user against this run's PostgreSQL, NATS and S3 server
// (test/harness), and walks a new user's journey through their gateway. Minutes of builds, so it
// is not part of `pnpm test`. Needs root with Debian's docker.io and debootstrap; where dockerd is
// installed but not running it starts one for the run (and stops it after). Without a docker
// daemon it says so loudly and exits 0 (MICROSEG_IMAGES_REQUIRED=1 makes that a failure, for a CI
// job that must run it).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { type PlatformService, infrastructureEnvironment, waitUntilUp } from '@microseg/launcher';
import { findFreePort } from '@microseg/local-stack';
import { getTestInfrastructure } from '../harness/test-infrastructure.ts';
import { buildKitCli, containerHealth, docker, dockerServerVersion, imageExists, inspectImage, runLogged, startDaemon } from './docker.ts';
import { type JourneyStep, newUserJourney } from './journey.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BASE_IMAGE = 'microseg-base:bookworm';
const TARGETS = ['gateway', 'identity', 'dataset', 'metrology', 'inference', 'training', 'console'] as const;
type Target = (typeof TARGETS)[number];
const SERVICES: PlatformService[] = ['identity', 'dataset', 'metrology', 'inference', 'training', 'gateway'];
const tagOf = (target: Target) => `microseg/${target}:test`;
/**
 * The Dockerfile targets this script cannot build, and why: said at every run, not only here. Both
 * stand on NVIDIA's CUDA image, which only a registry has (Debian's main archive has no CUDA to
 * build it from), and tfjs-node-gpu's install script downloads libtensorflow from Google's
 * storage, outside the npm registry.
 */
const NOT_BUILT = {
  'inference-gpu': 'its base is nvidia/cuda (registry only) and tfjs-node-gpu downloads libtensorflow at install',
  'training-gpu': 'its base is nvidia/cuda (registry only) and tfjs-node-gpu downloads libtensorflow at install',
} as const;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function buildImages(logDir: string, rebuildBase: boolean): Promise<Map<string, number>> {
  const seconds = new Map<string, number>();
  if (rebuildBase || !(await imageExists(BASE_IMAGE))) {
    say(`building ${BASE_IMAGE} (debootstrap + Node from npm)...`);
    seconds.set('base', await runLogged(join(import.meta.dirname, 'build-base.sh'), [BASE_IMAGE], join(logDir, 'build-base.log')));
  }
  const cli = await buildKitCli();
  for (const target of TARGETS) {
    say(`building ${tagOf(target)}...`);
    const args = ['build', '--network', 'host', '--target', target, '--tag', tagOf(target)];
    for (const arg of [`NODE_IMAGE=${BASE_IMAGE}`, `NODE_BUILD_IMAGE=${BASE_IMAGE}`, 'TF_BACKEND=wasm']) args.push('--build-arg', arg);
    // Where this machine reaches the npm registry through a TLS-inspecting proxy, the build does too.
    const ca = process.env['NODE_EXTRA_CA_CERTS'];
    if (ca && existsSync(ca)) args.push('--secret', `id=ca,src=${ca}`);
    seconds.set(target, await runLogged(cli.command, [...args, ROOT], join(logDir, `build-${target}.log`), cli.env));
  }
  return seconds;
}

/** What every image must be before it is started: non-root, compiled JavaScript, its service's directory. */
async function checkImage(target: Target): Promise<number> {
  const facts = await inspectImage(tagOf(target));
  const problems = [
    facts.user === '1000:1000' ? undefined : `runs as "${facts.user}", not 1000:1000`,
    facts.cmd.join(' ') === 'node dist/main.js' ? undefined : `runs "${facts.cmd.join(' ')}", not node dist/main.js`,
    facts.workingDir === `/app/services/${target}` ? undefined : `works in ${facts.workingDir}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${tagOf(target)}: ${problems.join('; ')}`);
  const node = await docker(['run', '--rm', '--network', 'none', '--entrypoint', 'node', tagOf(target), '--version']);
  if (!/^v22\./.test(node)) throw new Error(`${tagOf(target)} has Node ${node}, not 22 (LTS)`);
  return facts.sizeBytes;
}

interface Started {
  names: string[];
  graphqlUrl: string;
  consoleUrl: string;
}

/**
 * One container per service on the host's network (the daemon runs without a bridge), root file
 * system read-only with a tmpfs at /tmp, no capabilities. Secrets go in through the environment of
 * the docker CLI (`-e NAME` without a value), not its command line.
 */
async function startContainers(runId: string, environment: (service: PlatformService) => Record<string, string>): Promise<Started> {
  const names: string[] = [];
  const gatewayPort = await findFreePort();
  const consolePort = await findFreePort();
  const run = async (target: Target, env: Record<string, string>) => {
    const name = `microseg-${runId}-${target}`;
    const args = ['run', '--detach', '--name', name, '--network', 'host', '--read-only', '--tmpfs', '/tmp:rw,nosuid,nodev,size=1g'];
    args.push('--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
    for (const key of Object.keys(env)) args.push('--env', key);
    await docker([...args, tagOf(target)], env);
    names.push(name);
  };
  for (const service of SERVICES) {
    await run(service, {
      ...environment(service),
      HTTP_PORT: String(await findFreePort()),
      LOG_LEVEL: 'info',
      ...(service === 'gateway' ? { GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(gatewayPort) } : {}),
      ...(service === 'training' ? { TRAINING_LOCAL_WORKERS: '1' } : {}),
    });
  }
  await run('console', {
    CONSOLE_HOST: '127.0.0.1',
    CONSOLE_PORT: String(consolePort),
    HTTP_PORT: String(consolePort),
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
  });
  return { names, graphqlUrl: `http://127.0.0.1:${gatewayPort}/graphql`, consoleUrl: `http://127.0.0.1:${consolePort}/` };
}

/** Read-only and non-root as started, not only as declared. */
async function checkRunning(names: string[]): Promise<void> {
  for (const name of names) {
    const uid = await docker(['exec', name, 'id', '-u']);
    if (uid !== '1000') throw new Error(`${name} runs as uid ${uid}`);
    const written = await docker(['exec', name, 'sh', '-c', 'touch /app/probe 2>/dev/null && echo yes || echo no']);
    if (written !== 'no') throw new Error(`${name} could write to its root file system`);
    const cmdline = await docker(['exec', name, 'sh', '-c', "tr '\\0' ' ' < /proc/1/cmdline"]);
    if (cmdline.trim() !== 'node dist/main.js') throw new Error(`${name} runs "${cmdline.trim()}"`);
  }
}

async function waitHealthy(names: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(names.map(async (name) => [name, await containerHealth(name)] as const));
    const waiting = states.filter(([, state]) => state !== 'healthy');
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`not healthy by their HEALTHCHECK: ${waiting.map(([n, s]) => `${n} ${s}`).join(', ')}`);
    await new Promise((done) => setTimeout(done, 2_000));
  }
}

async function checkConsole(consoleUrl: string): Promise<void> {
  const page = await fetch(consoleUrl);
  const html = await page.text();
  if (!page.ok || !html.includes('<script')) throw new Error(`the console answered ${page.status} without its app`);
  const forwarded = await fetch(new URL('graphql', consoleUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ health { services { service status } } }' }),
  });
  if (!forwarded.ok) throw new Error(`the console did not forward /graphql to the gateway (${forwarded.status})`);
}

async function main(): Promise<number> {
  const runId = `i${Date.now().toString(36)}`;
  const logDir = join(ROOT, '.microseg', 'test-images', runId);
  mkdirSync(logDir, { recursive: true });
  let version = await dockerServerVersion();
  if (!version) {
    stopDaemon = await startDaemon(join(logDir, 'dockerd.log'));
    version = await dockerServerVersion();
  }
  if (!version) {
    const banner = '='.repeat(78);
    say(`${banner}\nSKIPPED: pnpm test:images needs a docker daemon (none answers here, and no dockerd could be started: it needs root and Debian's docker.io). No image was built or booted.\n${banner}`);
    return process.env['MICROSEG_IMAGES_REQUIRED'] === '1' ? 1 : 0;
  }
  say(`docker ${version}${stopDaemon ? ' (started for this run)' : ''}; logs in ${logDir}`);
  for (const [target, why] of Object.entries(NOT_BUILT)) say(`NOT BUILT: ${target}: ${why}; no network here beyond the npm registry and Debian`);

  // --no-build: boot and walk the images built last time (after a change to this script only).
  const buildSeconds = process.argv.includes('--no-build') ? new Map<string, number>() : await buildImages(logDir, process.argv.includes('--rebuild-base'));
  const sizes = new Map<string, number>();
  sizes.set('base', (await inspectImage(BASE_IMAGE)).sizeBytes);
  for (const target of TARGETS) sizes.set(target, await checkImage(target));

  const infrastructure = await getTestInfrastructure({ dedicatedNats: true });
  const platformSecret = randomBytes(24).toString('hex');
  const scratch = await mkdtemp(join(tmpdir(), 'microseg-images-'));
  let started: Started | undefined;
  let journey: JourneyStep[] = [];
  let failure: unknown;
  // Ctrl-C: no container or server of this run outlives it.
  const interrupted = () => {
    void docker(['ps', '--all', '--quiet', '--filter', `name=microseg-${runId}-`])
      .then((ids) => (ids ? docker(['rm', '--force', ...ids.split('\n')]) : ''))
      .catch(() => undefined)
      .then(() => infrastructure.cleanup())
      .then(() => stopDaemon?.())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const bootStarted = Date.now();
  let bootSeconds = 0;
  try {
    started = await startContainers(runId, (service) => ({
      ...infrastructureEnvironment(infrastructure, service),
      ...(service === 'identity' ? { PLATFORM_ADMIN_SECRET: platformSecret } : {}),
    }));
    // Minutes on a loaded 2-core machine: seven Node processes compile and migrate at once.
    await waitUntilUp(started.graphqlUrl, SERVICES, 420_000);
    bootSeconds = (Date.now() - bootStarted) / 1000;
    say(`every service up behind ${started.graphqlUrl} in ${bootSeconds.toFixed(1)} s`);
    await checkRunning(started.names);
    await checkConsole(started.consoleUrl);
    await waitHealthy(started.names, 120_000);
    say('every container healthy by its image HEALTHCHECK, uid 1000, read-only root, node dist/main.js');
    journey = await newUserJourney(started.graphqlUrl, platformSecret, scratch);
  } catch (error) {
    failure = error;
  } finally {
    for (const name of started?.names ?? []) {
      const logs = await docker(['logs', name]).catch((error: unknown) => String(error));
      writeFileSync(join(logDir, `${name.replace(`microseg-${runId}-`, '')}.log`), logs);
      await docker(['rm', '--force', name]).catch(() => undefined);
    }
    await infrastructure.cleanup();
    await rm(scratch, { recursive: true, force: true });
  }

  say('\nimage                        build (s)   size (MB)');
  for (const [name, bytes] of sizes) {
    const built = buildSeconds.get(name);
    say(`${(name === 'base' ? BASE_IMAGE : tagOf(name as Target)).padEnd(28)} ${(built === undefined ? 'cached' : built.toFixed(0)).padStart(9)} ${(bytes / 1e6).toFixed(0).padStart(11)}`);
  }
  for (const target of Object.keys(NOT_BUILT)) say(`${`microseg/${target}:test`.padEnd(28)} ${'not built'.padStart(9)}`);
  if (bootSeconds > 0) say(`boot to all services up: ${bootSeconds.toFixed(1)} s`);
  for (const { step, seconds } of journey) say(`journey ${seconds.toFixed(1).padStart(7)} s  ${step}`);
  if (failure) {
    say(`\nFAILED: ${failure instanceof Error ? failure.message : inspect(failure)}\n(container logs in ${logDir})`);
    return 1;
  }
  say(`\nPASSED: every CPU image built, booted read-only and non-root, and the journey passed through them (not built: ${Object.keys(NOT_BUILT).join(', ')})`);
  return 0;
}

/** A dockerd this run started, stopped when it ends. */
let stopDaemon: (() => Promise<void>) | undefined;
process.exitCode = await main().finally(() => stopDaemon?.());
