import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StackLogger } from './stack-logger.ts';

export interface ServerProcessOptions {
  /** Short name for logs and errors, e.g. "postgres". */
  name: string;
  command: string;
  args: readonly string[];
  logger: StackLogger;
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** For errors: how it ended and its last output lines. */
  description: string;
}

/** A long-running server we spawned: its exit as a promise, its recent output, and a clean stop. */
export interface ServerProcess {
  readonly pid: number | undefined;
  /** Settles (never rejects) when the process has ended or could not start. */
  readonly exited: Promise<ProcessExit>;
  recentOutput(): string;
  /** Sends `signal`, then SIGKILL if it has not exited after `graceMs`. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<void>;
}

const KEPT_OUTPUT_LINES = 40;

export function startServerProcess(options: ServerProcessOptions): ServerProcess {
  const { name, logger } = options;
  const child: ChildProcess = spawn(options.command, options.args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches only the launcher, which drains the
    // services first and then stops this server, rather than the database vanishing mid-drain.
    detached: true,
    env: options.env ?? process.env,
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      logger.debug({ process: name }, line);
      lines.push(line);
      if (lines.length > KEPT_OUTPUT_LINES) lines.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const recentOutput = () => lines.join('\n');

  let hasExited = false;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => {
      hasExited = true;
      resolve({
        code: null,
        signal: null,
        description: `${name} could not be started: ${error.message}`,
      });
    });
    child.once('exit', (code, signal) => {
      hasExited = true;
      const how = signal === null ? `code ${code ?? 'unknown'}` : `signal ${signal}`;
      const output = lines.length > 0 ? `; last output:\n${recentOutput()}` : '';
      resolve({ code, signal, description: `${name} exited with ${how}${output}` });
    });
  });

  return {
    pid: child.pid,
    exited,
    recentOutput,
    async stop(signal, graceMs) {
      if (hasExited) return;
      child.kill(signal);
      const outcome = await Promise.race([
        exited.then(() => 'exited' as const),
        sleep(graceMs).then(() => 'late' as const),
      ]);
      if (outcome === 'late') {
        logger.warn({ process: name, graceMs }, `${name} did not stop in time; killing it`);
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * Stops a server that a previous run left behind (its launcher was killed without cleaning up),
 * found through its pid file. Only a process whose command line names `expectedCommand` is touched,
 * so a recycled pid never hits an unrelated process.
 */
export async function stopLeftoverProcess(
  pidFile: string,
  expectedCommand: string,
  signal: NodeJS.Signals,
  logger: StackLogger,
): Promise<void> {
  const pid = await readPid(pidFile);
  if (pid === undefined || !(await commandLineOf(pid))?.includes(expectedCommand)) return;
  logger.warn({ pid, pidFile }, `stopping ${expectedCommand} left running by a previous run`);
  process.kill(pid, signal);
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
}

async function readPid(pidFile: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function commandLineOf(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
