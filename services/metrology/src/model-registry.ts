import { type ModelVersion, type Principal, type PrincipalTokens, trainingContracts } from '@microseg/contracts';
import { isMicroSegError } from '@microseg/errors';
import { request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which model versions a caller may read, as the training service (which owns the registry and
 * its sharing rule) answers for the caller's principal: a dataset shared with another group
 * carries its measurements there, not the owner's private model versions.
 */
export class ModelRegistry {
  constructor(
    private readonly nc: NatsConnection,
    private readonly principals: PrincipalTokens,
    private readonly timeoutMs = 15_000,
  ) {}

  /**
   * The registry versions among `ids` the caller may read, by id: null for a registry id it may
   * not read; a label that is no registry id (a model mask uploaded with an outside model's name)
   * is not in the map.
   */
  async readable(principal: Principal, ids: Iterable<string | null>): Promise<Map<string, ModelVersion | null>> {
    const registryIds = [...new Set([...ids].filter((id): id is string => id !== null && UUID.test(id)))];
    const versions = await Promise.all(
      registryIds.map((id) =>
        request(this.nc, trainingContracts.getVersion, { id }, { timeoutMs: this.timeoutMs, headers: this.principals.headers(principal) }).catch(
          (error: unknown) => {
            if (isMicroSegError(error) && error.code === 'NOT_FOUND') return null;
            throw error;
          },
        ),
      ),
    );
    return new Map(registryIds.map((id, i) => [id, versions[i] ?? null]));
  }
}
