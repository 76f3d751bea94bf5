import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@microseg/logging';

// Compiled (an image runs dist/*.js) the worker is plain JavaScript beside this module; from the
// sources it is TypeScript, run through tsx as the service itself is.
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_ENTRY = fileURLToPath(new URL(COMPILED ? './worker-main.js' : './worker-main.ts', import.meta.url));
const WORKER_ARGS = COMPILED ? [WORKER_ENTRY] : ['--import', 'tsx', WORKER_ENTRY];

/**
 * Training workers as child processes of the service, for the local platform: in a cluster each
 * worker is its own (GPU) pod running `dist/worker-main.js`. A worker that dies (a crash, an
 * out-of-memory kill, a test's SIGKILL) is started again, and the job it held is resumed from its
 * last checkpoint once the queue redelivers it.
 */
export class LocalWorkers {
  private readonly children = new Set<ChildProcess>();
  private stopping = false;

  constructor(private readonly options: { count: number; env: Record<string, string>; logger: Logger }) {}

  start(): void {
    for (let i = 0; i < this.options.count; i++) this.spawn(i);
  }

  private spawn(index: number): void {
    if (this.stopping) return;
    const child = spawn(process.execPath, WORKER_ARGS, {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      // The workers share the service's network namespace (its container or pod): their own
      // probes take a free port, the service's HTTP_PORT (9090 in the image) is the service's.
      env: { ...process.env, HTTP_PORT: '0', ...this.options.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.children.add(child);
    this.options.logger.info({ worker: index, pid: child.pid }, 'training worker started');
    child.once('exit', (code, signal) => {
      this.children.delete(child);
      if (this.stopping) return;
      this.options.logger.warn({ worker: index, code, signal }, 'training worker exited; starting another');
      setTimeout(() => this.spawn(index), 1_000).unref();
    });
  }

  /** SIGTERM: each worker hands its job back at the next step and exits. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
