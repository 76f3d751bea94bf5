import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** `docker ARGS`, its stdout trimmed; throws with stderr when it fails. */
export async function docker(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await exec('docker', args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** The daemon's version, or undefined where there is no docker CLI or no daemon answering it. */
export async function dockerServerVersion(): Promise<string | undefined> {
  return docker(['version', '--format', '{{.Server.Version}}']).catch(() => undefined);
}

const DOCKERD = '/usr/sbin/dockerd';

/**
 * Where Debian's `docker.io` is installed but no daemon runs (a container or CI machine without
 * systemd) and this process is root: starts `dockerd` as the images need it, without a bridge or
 * iptables (the containers use the host's network; a machine without NAT rules to change still
 * runs them), logging to `logFile`. Resolves with a stop function once it answers, or undefined
 * where it cannot be started here.
 */
export async function startDaemon(logFile: string): Promise<(() => Promise<void>) | undefined> {
  if (process.getuid?.() !== 0 || !existsSync(DOCKERD)) return undefined;
  const log = createWriteStream(logFile);
  const daemon: ChildProcess = spawn(DOCKERD, ['--bridge=none', '--iptables=false'], { stdio: ['ignore', 'pipe', 'pipe'] });
  daemon.stdout?.pipe(log);
  daemon.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  const stop = async () => {
    if (daemon.exitCode === null) daemon.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && daemon.exitCode === null) {
    if (await dockerServerVersion()) return stop;
    await new Promise((done) => setTimeout(done, 1_000));
  }
  await stop();
  return undefined;
}

export interface BuildCli {
  command: string;
  env: Record<string, string>;
}

/**
 * A docker CLI that builds with BuildKit, which the Dockerfile needs (cache mounts, and only the
 * stages a target uses: the CUDA stages are never pulled for a CPU target). Since Docker 23 the
 * CLI needs the buildx plugin for that; the 20.10 CLI of Debian's `docker.io` (/usr/bin/docker)
 * has BuildKit built in behind DOCKER_BUILDKIT=1, so it serves where another CLI without buildx
 * comes first on PATH.
 */
export async function buildKitCli(): Promise<BuildCli> {
  const answers = (command: string, args: string[]) => exec(command, args).then((r) => r.stdout.trim(), () => undefined);
  if ((await answers('docker', ['buildx', 'version'])) !== undefined) return { command: 'docker', env: {} };
  for (const command of ['docker', '/usr/bin/docker']) {
    const client = await answers(command, ['version', '--format', '{{.Client.Version}}']);
    if (client && Number(client.split('.')[0]) < 23) return { command, env: { DOCKER_BUILDKIT: '1' } };
  }
  throw new Error('no docker CLI here builds with BuildKit: install the buildx plugin (or Debian\'s docker.io, whose 20.10 CLI has it built in)');
}

export async function imageExists(tag: string): Promise<boolean> {
  return docker(['image', 'inspect', tag]).then(
    () => true,
    () => false,
  );
}

/**
 * Runs a long command (an image build) with its output in `logFile`; resolves with the seconds it
 * took, rejects with the log's tail when it fails.
 */
export async function runLogged(command: string, args: string[], logFile: string, env: Record<string, string> = {}): Promise<number> {
  const started = Date.now();
  const log = createWriteStream(logFile);
  const tail: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      tail.push(chunk.toString('utf8'));
      if (tail.length > 200) tail.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', resolve);
  });
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}); log ${logFile}:\n${tail.join('').slice(-4000)}`);
  return (Date.now() - started) / 1000;
}

export interface ImageFacts {
  sizeBytes: number;
  user: string;
  cmd: string[];
  workingDir: string;
}

export async function inspectImage(tag: string): Promise<ImageFacts> {
  const [image] = JSON.parse(await docker(['image', 'inspect', tag])) as { Size: number; Config: { User: string; Cmd: string[]; WorkingDir: string } }[];
  return { sizeBytes: image!.Size, user: image!.Config.User, cmd: image!.Config.Cmd, workingDir: image!.Config.WorkingDir };
}

/** The container's health as its image's HEALTHCHECK reports it (`starting`, `healthy`, `unhealthy`). */
export async function containerHealth(name: string): Promise<string> {
  return docker(['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', name]);
}
