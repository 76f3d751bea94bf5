import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@microseg/logging';

const WORKER_ENTRY = fileURLToPath(new URL('./worker-main.ts', import.meta.url));

/**
 * Training workers as child processes of the service, for the local platform: in a cluster each
 * worker is its own (GPU) pod running `src/worker-main.ts`. A worker that dies (a crash, an
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
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, ...this.options.env },
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
