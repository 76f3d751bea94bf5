import { resolve } from 'node:path';
import { GatewayClient } from '@microseg/cli';
import { type PlatformService, type RunningPlatform, type StartPlatformOptions, startPlatform } from '@microseg/launcher';
import { silentLogger } from '@microseg/logging';
import { findFreePort } from '@microseg/local-stack';
import { type TestInfrastructure, getTestInfrastructure } from './test-infrastructure.ts';

export interface TestPlatform {
  infrastructure: TestInfrastructure;
  platform: RunningPlatform;
  graphqlUrl: string;
  /** The web console's URL, when the platform was started with it. */
  consoleUrl?: string;
  /** A client without a key (health, bootstrap). */
  anonymous: GatewayClient;
  /** Bootstraps a new group and returns a client acting as its admin. */
  newGroup(name?: string): Promise<{ groupId: string; apiKey: string; client: GatewayClient }>;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * The real platform for an integration test: real PostgreSQL, NATS and S3 (see
 * getTestInfrastructure) and the named services as separate processes, as `pnpm start` runs them.
 */
export async function startTestPlatform(
  services: readonly PlatformService[],
  env: Record<string, string> = {},
  options: { console?: boolean; serviceEnv?: StartPlatformOptions['serviceEnv'] } = {},
): Promise<TestPlatform> {
  const infrastructure = await getTestInfrastructure({ dedicatedNats: true });
  let platform: RunningPlatform;
  try {
    platform = await startPlatform({
      rootDir: ROOT,
      infrastructure,
      logDir: resolve(ROOT, '.microseg', 'test-logs', infrastructure.runId),
      logger: silentLogger,
      gatewayPort: await findFreePort(),
      services: [...services, 'gateway'],
      restartOnCrash: false,
      env: { LOG_LEVEL: 'warn', ...env },
      ...(options.serviceEnv ? { serviceEnv: options.serviceEnv } : {}),
      ...(options.console ? { console: { port: await findFreePort() } } : {}),
    });
  } catch (error) {
    await infrastructure.cleanup();
    throw error;
  }
  const anonymous = new GatewayClient({ url: platform.graphqlUrl });
  let groups = 0;
  return {
    infrastructure,
    platform,
    graphqlUrl: platform.graphqlUrl,
    ...(platform.consoleUrl ? { consoleUrl: platform.consoleUrl } : {}),
    anonymous,
    async newGroup(name = `group ${infrastructure.runId} ${++groups}`) {
      const { bootstrapGroup } = await anonymous.request<{ bootstrapGroup: { group: { id: string }; apiKey: string } }>(
        'mutation($input: BootstrapGroupInput!) { bootstrapGroup(input: $input) { group { id } apiKey } }',
        { input: { groupName: name } },
      );
      return {
        groupId: bootstrapGroup.group.id,
        apiKey: bootstrapGroup.apiKey,
        client: new GatewayClient({ url: platform.graphqlUrl, apiKey: bootstrapGroup.apiKey }),
      };
    },
    async stop() {
      await platform.stop();
      await infrastructure.cleanup();
    },
  };
}
