import { platformNatsUsers } from '@microseg/contracts';

/** The environment variable a NATS server reads a user's password from (set from the `microseg-nats` Secret). */
export const passwordVariable = (user: string): string => `NATS_PASSWORD_${user.toUpperCase()}`;

/**
 * The `authorization` block of nats-server's config for the cluster, from the permissions the
 * platform declares (libs/contracts nats-permissions.ts): k8s/base/nats/nats-config.yaml holds it
 * as `authorization.conf` and the helm values hold it under nats.config.merge; the k8s tests keep
 * both equal to this. Passwords are environment references, never in the config.
 */
export function natsAuthorizationConf(): string {
  const users = Object.entries(platformNatsUsers()).map(([user, permissions]) =>
    [
      '    {',
      `      user: ${JSON.stringify(user)}`,
      `      password: $${passwordVariable(user)}`,
      ...(permissions ? [`      permissions: ${JSON.stringify(permissions)}`] : []),
      '    }',
    ].join('\n'),
  );
  return ['authorization {', '  users: [', ...users, '  ]', '}', ''].join('\n');
}
