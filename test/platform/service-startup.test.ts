import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ServiceProcess } from '@microseg/launcher';
import { findFreePort } from '@microseg/local-stack';
import { silentLogger } from '@microseg/logging';
import { afterAll, describe, expect, it } from 'vitest';

const IDENTITY_DIR = resolve(import.meta.dirname, '../../services/identity');

/** Runs a service to its exit and returns its exit code and stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: IDENTITY_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

async function readyz(port: number): Promise<{ status: number; body: { ready: boolean; checks: { name: string; ok: boolean }[] } } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: response.status, body: (await response.json()) as never };
  } catch {
    return undefined;
  }
}

describe('service start-up with bad configuration or missing dependencies', () => {
  const started: ServiceProcess[] = [];
  afterAll(async () => {
    for (const service of started) {
      await service.kill();
      service.close();
    }
  });

  it('stops with exit code 78 naming every invalid variable', async () => {
    const { code, stderr } = await runToExit({ DATABASE_URL: 'not-a-url', HTTP_PORT: 'eighty' });
    expect(code).toBe(78);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).toContain('HTTP_PORT');
  });

  it('keeps retrying an unreachable database, reporting not ready meanwhile, and stays up', async () => {
    const httpPort = await findFreePort();
    const closedPort = await findFreePort();
    const service = new ServiceProcess({
      name: 'identity-no-db',
      cwd: IDENTITY_DIR,
      env: {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/nowhere`,
        NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
        PRINCIPAL_SIGNING_KEY: randomBytes(32).toString('hex'),
        HTTP_PORT: String(httpPort),
        LOG_LEVEL: 'warn',
      },
      logDir: resolve(import.meta.dirname, '../../.microseg/test-logs'),
      logger: silentLogger,
      restartOnCrash: false,
    });
    started.push(service);
    service.start();
    let answer: Awaited<ReturnType<typeof readyz>>;
    // The database check joins once NATS is connected and the platform's streams are ensured: wait for it.
    const hasDatabaseCheck = () => answer?.body.checks.some((check: { name: string }) => check.name === 'database') === true;
    for (let i = 0; i < 150 && !hasDatabaseCheck(); i++) {
      answer = await readyz(httpPort);
      if (!hasDatabaseCheck()) await new Promise((r) => setTimeout(r, 200));
    }
    expect(answer?.status).toBe(503);
    expect(answer?.body.checks).toContainEqual({ name: 'database', ok: false });
    await new Promise((r) => setTimeout(r, 1500));
    expect(service.running).toBe(true);
    const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
    expect(health.status).toBe(200);
  });
});
