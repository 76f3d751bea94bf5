import { timingSafeEqual, createHash } from 'node:crypto';
import { identityContracts } from '@microseg/contracts';
import { MicroSegError, unauthenticated } from '@microseg/errors';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { looksLikeApiKey } from '../api-key-secret.ts';
import type { IdentityRepository } from '../identity.repository.ts';

export function serveAuthentication(
  nc: NatsConnection,
  deps: {
    repository: IdentityRepository;
    platformAdminSecret: string | undefined;
    /** Without a secret: whether anyone may bootstrap (a local platform) or nobody (anything else). */
    openWithoutSecret: boolean;
    logger: Logger;
  },
): RequestServer[] {
  const { repository, logger } = deps;
  return [
    serveRequests(
      nc,
      identityContracts.authenticate,
      async ({ apiKey }) => {
        const authenticated = looksLikeApiKey(apiKey) ? await repository.authenticate(apiKey) : undefined;
        // One answer for unknown, malformed and revoked keys: which of them it was is nobody's business.
        if (!authenticated) throw unauthenticated('invalid or revoked API key');
        return authenticated;
      },
      { logger },
    ),
    serveRequests(
      nc,
      identityContracts.bootstrap,
      async (input) => {
        assertPlatformAdmin(deps.platformAdminSecret, deps.openWithoutSecret, input.platformSecret);
        const created = await repository.createGroupWithAdmin({
          groupName: input.groupName,
          adminName: input.adminName,
          ...(input.adminEmail ? { adminEmail: input.adminEmail } : {}),
        });
        logger.info({ groupId: created.group.id, groupName: created.group.name }, 'group bootstrapped');
        return created;
      },
      { logger },
    ),
  ];
}

function assertPlatformAdmin(expected: string | undefined, openWithoutSecret: boolean, given: string | undefined): void {
  if (expected === undefined) {
    if (openWithoutSecret) return;
    throw new MicroSegError('FORBIDDEN', 'bootstrapping a group is off: this platform has no PLATFORM_ADMIN_SECRET and is not a local one');
  }
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (given === undefined || !timingSafeEqual(digest(expected), digest(given))) {
    throw new MicroSegError('UNAUTHENTICATED', 'bootstrapping a group needs the platform admin secret');
  }
}
