import { type PrincipalTokens, identityContracts, requireRole } from '@microseg/contracts';
import { notFound } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { IdentityRepository } from '../identity.repository.ts';
import type { RevocationNotifier } from '../revocation-notifier.ts';

export function serveApiKeys(
  nc: NatsConnection,
  deps: { repository: IdentityRepository; revocations: RevocationNotifier; logger: Logger; principals: PrincipalTokens },
): RequestServer[] {
  const { repository, revocations, logger } = deps;
  const options = { logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, identityContracts.createApiKey, async ({ name, memberId }, { principal }) => {
      if (memberId && memberId !== principal.memberId) requireRole(principal, 'admin');
      return repository.createApiKey(principal.groupId, memberId ?? principal.memberId, name);
    }, options),
    // Admins see every key of their group; others only their own.
    serveAuthenticated(nc, identityContracts.listApiKeys, async ({ includeRevoked }, { principal }) => {
      const memberId = principal.role === 'admin' ? undefined : principal.memberId;
      return { keys: await repository.listApiKeys(principal.groupId, { includeRevoked, ...(memberId ? { memberId } : {}) }) };
    }, options),
    serveAuthenticated(nc, identityContracts.revokeApiKey, async ({ keyId }, { principal }) => {
      const key = await repository.findApiKey(principal.groupId, keyId);
      // Someone else's key looks exactly like a key that does not exist, unless you are an admin.
      if (key.memberId !== principal.memberId && principal.role !== 'admin') throw notFound('API key', keyId);
      const revoked = await repository.revokeApiKey(principal.groupId, keyId);
      revocations.notify(principal.groupId, [keyId]);
      return revoked;
    }, options),
  ];
}
