import { identityEvents } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import type { NatsConnection } from 'nats';

/**
 * Tells gateways to drop cached principals at once. Best effort on purpose: the gateway's cache
 * lives only seconds, so a lost notice delays a revocation by at most that long; the database is
 * the authority and has already been updated.
 */
export class RevocationNotifier {
  constructor(
    private readonly nc: NatsConnection,
    private readonly logger: Logger,
  ) {}

  notify(groupId: string, keyIds: readonly string[]): void {
    const revokedAt = new Date().toISOString();
    for (const keyId of keyIds) {
      const event = identityEvents.apiKeyRevoked.schema.parse({ keyId, groupId, revokedAt });
      this.nc.publish(identityEvents.apiKeyRevoked.subject, JSON.stringify(event));
    }
    if (keyIds.length > 0) this.logger.info({ groupId, keyIds }, 'API keys revoked');
  }
}
