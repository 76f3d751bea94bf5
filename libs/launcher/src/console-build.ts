import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MicroSegError } from '@microseg/errors';
import type { Logger } from '@microseg/logging';

/** What the build reads: when any of it is newer than dist/app/index.html, the build is stale. */
const BUILD_INPUTS = ['app', 'vite.config.ts', 'package.json'];

function newestModification(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestModification(join(path, entry))));
}

export function consoleBuildIsStale(consoleDir: string): boolean {
  const built = join(consoleDir, 'dist', 'app', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return BUILD_INPUTS.some((input) => existsSync(join(consoleDir, input)) && newestModification(join(consoleDir, input)) > builtAt);
}

/**
 * Builds the console's static files (vite build) unless dist/app/ is newer than its sources, so a
 * fresh clone's `pnpm start` and tests serve the current app with no manual step.
 */
export async function buildConsoleIfStale(consoleDir: string, logger: Logger): Promise<void> {
  if (!consoleBuildIsStale(consoleDir)) return;
  const vitePackage = createRequire(join(consoleDir, 'package.json')).resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(vitePackage, 'utf8')) as { bin: { vite: string } };
  logger.info('building the console');
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(dirname(vitePackage), bin.vite), 'build', '--logLevel', 'warn'], { cwd: consoleDir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new MicroSegError('INTERNAL', `the console build failed (exit ${code}): ${Buffer.concat(output).toString('utf8').slice(-2000)}`);
}
