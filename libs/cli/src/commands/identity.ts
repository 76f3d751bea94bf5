import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type Page, allNodes, clientFromOptions } from '../gateway-client.ts';
import { cliEnvironment } from '../cli-environment.ts';
import { printResult } from '../output.ts';
import { collectList, parseTimeOption } from './time-option.ts';

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
  createApiKey(input: $input) { secret key { id name prefix createdAt scopes expiresAt allowedOperations } }
}`;
const LIST_KEYS = `query Keys($includeRevoked: Boolean, $after: String) {
  apiKeys(includeRevoked: $includeRevoked, first: 500, after: $after) {
    nodes { id memberId name prefix createdAt lastUsedAt revokedAt scopes expiresAt allowedOperations }
    pageInfo { endCursor hasNextPage }
  }
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
      const platformSecret = options.platformSecret ?? cliEnvironment().MICROSEG_PLATFORM_SECRET;
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
    .option(
      '--scope <scopes>',
      'limit the key to these scopes (repeat or comma-separate): images:upload, results:read, datasets:read, datasets:write, models:read, models:write, training:run, pipeline:manage, admin',
      collectList,
    )
    .option('--expires <when>', 'when the key stops working: ISO date/time or a duration from now (90d, 12h)')
    .option('--allow-document <file>', 'a GraphQL document the key may send, and no other (repeatable)', collectList)
    .option('--allow-operation <sha256>', 'the sha256 of a document the key may send (repeatable)', collectList)
    .option('--json', 'print JSON')
    .action(
      async (
        options: { name: string; member?: string; scope?: string[]; expires?: string; allowDocument?: string[]; allowOperation?: string[] },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<Globals>();
        // The key trusts the exact text the client will send: hash the file as it is, byte for byte.
        const documentHashes = await Promise.all(
          (options.allowDocument ?? []).map(async (file) => createHash('sha256').update(await readFile(file, 'utf8')).digest('hex')),
        );
        const allowedOperations = [...(options.allowOperation ?? []), ...documentHashes];
        const input = {
          name: options.name,
          ...(options.member ? { memberId: options.member } : {}),
          ...(options.scope ? { scopes: options.scope } : {}),
          ...(options.expires ? { expiresAt: parseTimeOption(options.expires, '--expires', 'ahead') } : {}),
          ...(allowedOperations.length > 0 ? { allowedOperations } : {}),
        };
        const { createApiKey } = await clientFromOptions(globals).request<{
          createApiKey: { secret: string; key: { id: string; name: string; prefix: string; scopes: string[] | null; expiresAt: string | null; allowedOperations: string[] | null } };
        }>(CREATE_KEY, { input });
        const { key } = createApiKey;
        printResult(
          globals,
          { id: key.id, name: key.name, apiKey: createApiKey.secret, scopes: key.scopes, expiresAt: key.expiresAt, allowedOperations: key.allowedOperations },
          (r) =>
            [
              `Key "${r.name}" (${r.id}); shown once:`,
              `  ${r.apiKey}`,
              ...(r.scopes ? [`scopes: ${r.scopes.join(', ')}`] : []),
              ...(r.expiresAt ? [`expires: ${r.expiresAt}`] : []),
              ...(r.allowedOperations ? [`trusted documents: ${r.allowedOperations.length}`] : []),
            ].join('\n'),
        );
      },
    );
  keys
    .command('list')
    .description('list API keys')
    .option('--all', 'include revoked keys')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<Globals>();
      const client = clientFromOptions(globals);
      const apiKeys = await allNodes(async (after) => (await client.request<{
        apiKeys: Page<{
          id: string;
          name: string;
          prefix: string;
          createdAt: string;
          lastUsedAt: string | null;
          revokedAt: string | null;
          scopes: string[] | null;
          expiresAt: string | null;
        }>;
      }>(LIST_KEYS, { includeRevoked: options.all ?? false, after })).apiKeys);
      printResult(globals, apiKeys, (list) =>
        list.length === 0
          ? 'no keys'
          : list
              .map(
                (k) =>
                  `${k.id}  ${k.prefix}…  ${k.name}${k.scopes ? `  [${k.scopes.join(', ')}]` : ''}${k.expiresAt ? `  expires ${k.expiresAt}` : ''}${k.revokedAt ? `  (revoked ${k.revokedAt})` : ''}`,
              )
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
