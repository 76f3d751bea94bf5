import type { Command } from 'commander';
import { clientFromOptions } from '../gateway-client.ts';
import { printResult } from '../output.ts';

interface Globals {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

const BOOTSTRAP = `mutation Bootstrap($input: BootstrapGroupInput!) {
  bootstrapGroup(input: $input) { group { id name } apiKey }
}`;
const ME = `query Me { me { groupId groupName memberId role } }`;
const CREATE_KEY = `mutation CreateKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret key { id name prefix createdAt } }
}`;
const LIST_KEYS = `query Keys($includeRevoked: Boolean) {
  apiKeys(includeRevoked: $includeRevoked) { id memberId name prefix createdAt lastUsedAt revokedAt }
}`;
const REVOKE_KEY = `mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id name prefix revokedAt } }`;

/** `admin bootstrap`, `me` and `keys ...`: who you are and the keys you act with. */
export function registerIdentityCommands(program: Command): void {
  const admin = program.command('admin').description('platform administration');
  admin
    .command('bootstrap')
    .description('create a group with its first admin API key (printed once)')
    .requiredOption('--group <name>', 'name of the new group')
    .option('--admin-name <name>', 'name of its first admin', 'admin')
    .option('--platform-secret <secret>', 'platform admin secret (clusters; default $MICROSEG_PLATFORM_SECRET)')
    .option('--json', 'print JSON')
    .action(async (options: { group: string; adminName: string; platformSecret?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const platformSecret = options.platformSecret ?? process.env['MICROSEG_PLATFORM_SECRET'];
      const { bootstrapGroup } = await clientFromOptions(globals).request<{
        bootstrapGroup: { group: { id: string; name: string }; apiKey: string };
      }>(BOOTSTRAP, { input: { groupName: options.group, adminName: options.adminName, ...(platformSecret ? { platformSecret } : {}) } });
      printResult(globals, { groupId: bootstrapGroup.group.id, apiKey: bootstrapGroup.apiKey }, (r) =>
        [
          `Group "${bootstrapGroup.group.name}" created (${r.groupId}).`,
          `Admin API key (shown once, store it now):`,
          `  ${r.apiKey}`,
          `Use it with: export MICROSEG_API_KEY=${r.apiKey}`,
        ].join('\n'),
      );
    });

  program
    .command('me')
    .description('the group and role of your API key')
    .option('--json', 'print JSON')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const { me } = await clientFromOptions(globals).request<{
        me: { groupId: string; groupName: string; memberId: string; role: string };
      }>(ME);
      printResult(globals, { groupId: me.groupId, groupName: me.groupName, role: me.role }, (r) => `${r.groupName} (${r.groupId}) as ${r.role}`);
    });

  const keys = program.command('keys').description('API keys of your group');
  keys
    .command('create')
    .description('create an API key (the secret is printed once)')
    .requiredOption('--name <name>', 'what the key is for, e.g. "LIMS"')
    .option('--member <id>', "another member's key (admins only)")
    .option('--json', 'print JSON')
    .action(async (options: { name: string; member?: string }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const { createApiKey } = await clientFromOptions(globals).request<{
        createApiKey: { secret: string; key: { id: string; name: string; prefix: string; createdAt: string } };
      }>(CREATE_KEY, { input: { name: options.name, ...(options.member ? { memberId: options.member } : {}) } });
      printResult(globals, { id: createApiKey.key.id, name: createApiKey.key.name, apiKey: createApiKey.secret }, (r) =>
        `Key "${r.name}" (${r.id}); shown once:\n  ${r.apiKey}`,
      );
    });
  keys
    .command('list')
    .description('list API keys')
    .option('--all', 'include revoked keys')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const { apiKeys } = await clientFromOptions(globals).request<{
        apiKeys: { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[];
      }>(LIST_KEYS, { includeRevoked: options.all ?? false });
      printResult(globals, apiKeys, (list) =>
        list.length === 0
          ? 'no keys'
          : list
              .map((k) => `${k.id}  ${k.prefix}…  ${k.name}${k.revokedAt ? `  (revoked ${k.revokedAt})` : ''}`)
              .join('\n'),
      );
    });
  keys
    .command('revoke')
    .description('revoke an API key at once')
    .argument('<id>', 'key id (from `keys list`)')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const { revokeApiKey } = await clientFromOptions(globals).request<{
        revokeApiKey: { id: string; name: string; prefix: string; revokedAt: string };
      }>(REVOKE_KEY, { id });
      printResult(globals, revokeApiKey, (k) => `revoked ${k.name} (${k.prefix}…) at ${k.revokedAt}`);
    });
}
