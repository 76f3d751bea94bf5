import type { Command } from 'commander';
import { clientFromOptions } from '../gateway-client.ts';
import { printResult } from '../output.ts';

const HEALTH = `query Health {
  health { status services { service status version uptimeSeconds checks { name ok detail } } }
}`;

interface PlatformHealth {
  status: 'up' | 'degraded' | 'down';
  services: {
    service: string;
    status: string;
    version: string | null;
    uptimeSeconds: number | null;
    checks: { name: string; ok: boolean; detail: string | null }[];
  }[];
}

/** `microseg health`: every service with its status; exits 1 unless all are up. */
export function registerHealthCommand(program: Command): void {
  program
    .command('health')
    .description('every service of the platform with its status')
    .option('--json', 'print JSON')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<{ url?: string; apiKey?: string; json?: boolean }>();
      const { health } = await clientFromOptions(globals).request<{ health: PlatformHealth }>(HEALTH);
      printResult(globals, health, (h) =>
        [
          `platform: ${h.status}`,
          ...h.services.map((s) => {
            const failing = s.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail ?? 'failing'}`);
            return `  ${s.service.padEnd(10)} ${s.status}${failing.length ? `  (${failing.join('; ')})` : ''}`;
          }),
        ].join('\n'),
      );
      if (health.status !== 'up') process.exitCode = 1;
    });
}
