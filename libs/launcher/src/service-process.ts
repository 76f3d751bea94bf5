import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@microseg/logging';

export interface ServiceProcessOptions {
  name: string;
  /** The service package directory; its `src/main.ts` is run with tsx. */
  cwd: string;
  env: Record<string, string>;
  logDir: string;
  logger: Logger;
  /** Start again after an unexpected exit (the local platform keeps itself up; fault tests turn it off). */
  restartOnCrash: boolean;
}

/**
 * One service as a child process, its JSON log appended to `<logDir>/<name>.log`. Separate
 * processes, as in a cluster: a crash, a kill or a restart of one does not touch the others.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream;
  private stopping = false;
  private crashes = 0;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly options: ServiceProcessOptions) {
    mkdirSync(options.logDir, { recursive: true });
    this.log = createWriteStream(join(options.logDir, `${options.name}.log`), { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    this.stopping = false;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: this.options.cwd,
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches only the launcher, which stops the
      // services in order (the doors first), instead of each one exiting "unexpectedly" at once.
      detached: true,
    });
    this.child = child;
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        if (this.stopping || this.child !== child) return;
        this.options.logger.warn({ service: this.options.name, code, signal }, 'service exited unexpectedly');
        if (!this.options.restartOnCrash) return;
        // Backoff grows with repeated crashes so a service that cannot start does not spin.
        const delay = Math.min(30_000, 500 * 2 ** Math.min(this.crashes++, 6));
        setTimeout(() => {
          if (!this.stopping) this.start();
        }, delay).unref();
      });
    });
  }

  /** Sends a signal without waiting (for exit hooks, which cannot wait). */
  signal(signal: NodeJS.Signals): void {
    this.stopping = true;
    this.child?.kill(signal);
  }

  /** SIGKILL, no drain: what a crashed node or an OOM kill looks like. */
  async kill(): Promise<void> {
    this.stopping = true;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait for the drain; SIGKILL after the grace period. */
  async stop(graceMs = 20_000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || !this.running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  close(): void {
    this.log.end();
  }
}
