import { type Principal, type PrincipalTokens, datasetContracts, trainingContracts } from '@microseg/contracts';
import { request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * What the service acts as when no caller is there (a policy reacting to an upload): a member of
 * the group that owns the policy, so it reads that group's datasets and the models it may use,
 * and writes masks into that group's datasets, nothing else.
 */
export function groupPrincipal(groupId: string): Principal {
  return { groupId, groupName: 'inference service', memberId: NIL_UUID, keyId: NIL_UUID, role: 'member' };
}

/**
 * The dataset and training services over NATS, always on behalf of a principal: what it may not
 * read answers NOT_FOUND here as everywhere.
 */
export class PlatformDirectory {
  constructor(
    private readonly nc: NatsConnection,
    /** Signs the principal of each call: the caller's, or the group's when the service acts on its own. */
    private readonly principals: PrincipalTokens,
    private readonly timeoutMs = 15_000,
  ) {}

  dataset(principal: Principal, id: string) {
    return request(this.nc, datasetContracts.getDataset, { id }, this.as(principal));
  }

  image(principal: Principal, id: string) {
    return request(this.nc, datasetContracts.getImage, { id }, this.as(principal));
  }

  async datasetImageIds(principal: Principal, datasetId: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await request(this.nc, datasetContracts.listImages, { datasetId, first: 500, ...(after ? { after } : {}) }, this.as(principal));
      ids.push(...page.nodes.map((image) => image.id));
      if (!page.hasNextPage || !page.endCursor) return ids;
      after = page.endCursor;
    }
  }

  async versionImageIds(principal: Principal, versionId: string): Promise<string[]> {
    const content = await request(this.nc, datasetContracts.getVersionContent, { id: versionId }, this.as(principal));
    return content.images.map((image) => image.imageId);
  }

  modelVersion(principal: Principal, id: string) {
    return request(this.nc, trainingContracts.getVersion, { id }, this.as(principal));
  }

  resolveAlias(principal: Principal, model: string, alias: string) {
    return request(this.nc, trainingContracts.resolveAlias, { model, alias }, this.as(principal));
  }

  as(principal: Principal, extra: Record<string, string> = {}) {
    return { timeoutMs: this.timeoutMs, headers: { ...this.principals.headers(principal), ...extra } };
  }
}
