import { type PrincipalTokens, identityContracts, requireRole } from '@microseg/contracts';
import { forbidden, invalidInput, notFound } from '@microseg/errors';
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
    serveAuthenticated(nc, identityContracts.createApiKey, async ({ name, memberId, scopes, expiresAt, allowedOperations }, { principal }) => {
      if (memberId && memberId !== principal.memberId) requireRole(principal, 'admin');
      // A key must not mint one that can do more, or live longer, than itself.
      if (principal.scopes && (!scopes || scopes.some((scope) => !principal.scopes?.includes(scope)))) {
        throw forbidden('a key with scopes can only create keys with some of its own scopes', {
          requested: scopes ?? null,
          held: principal.scopes,
        });
      }
      if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
        throw invalidInput('expiresAt must be in the future', { field: 'expiresAt', expiresAt });
      }
      const callerKey = await repository.findApiKey(principal.groupId, principal.keyId);
      if (callerKey.expiresAt && (!expiresAt || Date.parse(expiresAt) > Date.parse(callerKey.expiresAt))) {
        throw forbidden('a key that expires can only create keys that expire no later', {
          requested: expiresAt ?? null,
          held: callerKey.expiresAt,
        });
      }
      return repository.createApiKey(principal.groupId, memberId ?? principal.memberId, name, {
        ...(scopes ? { scopes } : {}),
        ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
        ...(allowedOperations ? { allowedOperations } : {}),
      });
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
