import { join } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { buildConsoleIfStale } from './console-build.ts';
import { ServiceProcess } from './service-process.ts';

export const PLATFORM_SERVICES = ['identity', 'dataset', 'training', 'inference', 'metrology', 'gateway'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

export interface PlatformInfrastructure {
  databaseUrl: string;
  natsUrl: string;
  s3: { endpoint: string; accessKey: string; secretKey: string; region: string };
  /** Signs and verifies the principal on every service call, shared by the gateway and the services. */
  principalSigningKey: string;
  /** Each process's own NATS user, by service name (absent: a NATS that needs none, or one the environment names). */
  natsCredentials?: Readonly<Record<string, { user: string; password: string }>>;
}

export interface StartPlatformOptions {
  /** The repository root (holds services/). */
  rootDir: string;
  infrastructure: PlatformInfrastructure;
  logDir: string;
  logger: Logger;
  gatewayHost?: string;
  gatewayPort: number;
  services?: readonly PlatformService[];
  restartOnCrash?: boolean;
  /** Extra environment for every service (e.g. LOG_LEVEL, MICROSEG_TF_BACKEND). */
  env?: Record<string, string>;
  /** Extra environment for one service, over `env` (e.g. its own HTTP_PORT, to scrape its /metrics). */
  serviceEnv?: Partial<Record<PlatformService, Record<string, string>>>;
  readyTimeoutMs?: number;
  /** Also serve the web console (built first when its sources changed), forwarding to the gateway. */
  console?: { port: number; host?: string };
}

export interface RunningPlatform {
  graphqlUrl: string;
  processes: Map<PlatformService, ServiceProcess>;
  /** Where the console answers, when it was asked for. */
  consoleUrl?: string;
  stop(): Promise<void>;
}

/**
 * Whether groups can be bootstrapped by anyone who reaches the gateway: a local platform without
 * PLATFORM_ADMIN_SECRET in development mode. The launcher says so when it starts.
 */
export function bootstrapOpenToAnyone(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env['PLATFORM_ADMIN_SECRET'] && env['NODE_ENV'] !== 'production';
}

/**
 * The variables that point a service at PostgreSQL, NATS and S3, with its own NATS user and the
 * principal signing key.
 */
export function infrastructureEnvironment(infrastructure: PlatformInfrastructure, service: PlatformService): Record<string, string> {
  const nats = infrastructure.natsCredentials?.[service];
  if (infrastructure.natsCredentials && !nats) {
    throw new MicroSegError('INVALID_INPUT', `the NATS server has no user for the ${service} service`, { details: { service } });
  }
  return {
    PRINCIPAL_SIGNING_KEY: infrastructure.principalSigningKey,
    ...(nats ? { NATS_USER: nats.user, NATS_PASSWORD: nats.password } : {}),
    DATABASE_URL: infrastructure.databaseUrl,
    NATS_URL: infrastructure.natsUrl,
    S3_ENDPOINT: infrastructure.s3.endpoint,
    S3_ACCESS_KEY: infrastructure.s3.accessKey,
    S3_SECRET_KEY: infrastructure.s3.secretKey,
    S3_REGION: infrastructure.s3.region,
  };
}

/** Starts every service as its own process and waits until the gateway reports all of them up. */
export async function startPlatform(options: StartPlatformOptions): Promise<RunningPlatform> {
  const { infrastructure, logger } = options;
  const host = options.gatewayHost ?? '127.0.0.1';
  const env: Record<string, string> = {
    GATEWAY_HOST: host,
    GATEWAY_PORT: String(options.gatewayPort),
    HTTP_PORT: '0',
    // The one place that says the platform runs on this machine: identity lets anyone bootstrap a
    // group here when no PLATFORM_ADMIN_SECRET is set (see bootstrapOpenToAnyone).
    MICROSEG_LOCAL_PLATFORM: '1',
    ...options.env,
  };
  const services = options.services ?? PLATFORM_SERVICES;
  const consoleDir = join(options.rootDir, 'services', 'console');
  if (options.console) await buildConsoleIfStale(consoleDir, logger);
  const processes = new Map<PlatformService, ServiceProcess>();
  for (const name of services) {
    const service = new ServiceProcess({
      name,
      cwd: join(options.rootDir, 'services', name),
      env: { ...infrastructureEnvironment(infrastructure, name), ...env, ...options.serviceEnv?.[name] },
      logDir: options.logDir,
      logger,
      restartOnCrash: options.restartOnCrash ?? true,
    });
    service.start();
    processes.set(name, service);
  }
  let consoleProcess: ServiceProcess | undefined;
  let consoleUrl: string | undefined;
  if (options.console) {
    const consoleHost = options.console.host ?? host;
    consoleUrl = `http://${consoleHost}:${options.console.port}/`;
    consoleProcess = new ServiceProcess({
      name: 'console',
      cwd: consoleDir,
      env: { ...env, CONSOLE_HOST: consoleHost, CONSOLE_PORT: String(options.console.port), GATEWAY_URL: `http://${host}:${options.gatewayPort}` },
      logDir: options.logDir,
      logger,
      restartOnCrash: options.restartOnCrash ?? true,
    });
    consoleProcess.start();
  }
  const everyProcess = () => (consoleProcess ? [...processes.values(), consoleProcess] : [...processes.values()]);
  // Should the launcher die without stopping them (a crash, a closed terminal), no service outlives it.
  const killOrphans = () => {
    for (const p of everyProcess()) if (p.running) p.signal('SIGTERM');
  };
  process.once('exit', killOrphans);
  const graphqlUrl = `http://${host}:${options.gatewayPort}/graphql`;
  const platform: RunningPlatform = {
    graphqlUrl,
    processes,
    ...(consoleUrl ? { consoleUrl } : {}),
    stop: async () => {
      // The doors first (console, gateway), so no new work arrives while the services drain.
      await consoleProcess?.stop();
      const gateway = processes.get('gateway');
      await gateway?.stop();
      await Promise.all([...processes.values()].filter((p) => p !== gateway).map((p) => p.stop()));
      for (const p of everyProcess()) p.close();
      process.removeListener('exit', killOrphans);
    },
  };
  try {
    await waitUntilUp(graphqlUrl, services, options.readyTimeoutMs ?? 120_000);
    if (consoleUrl) await waitUntilAnswering(new URL('healthz', consoleUrl).href, 30_000);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return platform;
}

const HEALTH_QUERY = '{ health { services { service status } } }';

/** Polls the gateway's `health` until every started service answers `UP`. */
export async function waitUntilUp(graphqlUrl: string, services: readonly string[], timeoutMs: number): Promise<void> {
  const expected = services.filter((s) => s !== 'gateway');
  const deadline = Date.now() + timeoutMs;
  let last = 'gateway not answering';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: HEALTH_QUERY }),
      });
      const body = (await response.json()) as { data?: { health: { services: { service: string; status: string }[] } } };
      const statuses = new Map(body.data?.health.services.map((s) => [s.service, s.status]));
      const waiting = expected.filter((s) => statuses.get(s) !== 'UP');
      if (waiting.length === 0) return;
      last = `waiting for ${waiting.join(', ')}`;
    } catch {
      last = 'gateway not answering';
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new MicroSegError('UNAVAILABLE', `the platform did not come up within ${timeoutMs} ms: ${last}`);
}

/** Polls a plain HTTP endpoint (the console's /healthz) until it answers 200. */
async function waitUntilAnswering(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new MicroSegError('UNAVAILABLE', `${url} did not answer within ${timeoutMs} ms`);
}
