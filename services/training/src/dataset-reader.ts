import { type DatasetVersionContent, type Principal, type PrincipalTokens, datasetContracts } from '@microseg/contracts';
import { invalidInput } from '@microseg/errors';
import { request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';

/** What a job needs from the dataset service, asked on behalf of the submitter (their access applies). */
export class DatasetReader {
  constructor(
    private readonly nc: NatsConnection,
    private readonly principals: PrincipalTokens,
    private readonly timeoutMs = 30_000,
  ) {}

  private call<C extends Parameters<typeof request>[1]>(principal: Principal, contract: C, payload: Parameters<typeof request<C>>[2]) {
    return request(this.nc, contract, payload, { timeoutMs: this.timeoutMs, headers: this.principals.headers(principal) });
  }

  async dataset(principal: Principal, datasetId: string) {
    return this.call(principal, datasetContracts.getDataset, { id: datasetId });
  }

  /** A version by id alone (NOT_FOUND unless the principal may read its dataset). */
  async versionContent(principal: Principal, versionId: string): Promise<DatasetVersionContent> {
    return this.call(principal, datasetContracts.getVersionContent, { id: versionId });
  }

  /** The given version (it must belong to the dataset), or the dataset's latest. */
  async content(principal: Principal, datasetId: string, versionId: string | undefined): Promise<DatasetVersionContent> {
    if (versionId) {
      const content = await this.call(principal, datasetContracts.getVersionContent, { id: versionId });
      if (content.version.datasetId !== datasetId) {
        throw invalidInput(`dataset version ${versionId} is not a version of dataset ${datasetId}`, { datasetId, datasetVersionId: versionId });
      }
      return content;
    }
    const { versions } = await this.call(principal, datasetContracts.listVersions, { datasetId });
    const latest = versions.reduce<(typeof versions)[number] | undefined>((best, v) => (!best || v.number > best.number ? v : best), undefined);
    if (!latest) {
      throw invalidInput(`dataset ${datasetId} has no version yet: create one (createDatasetVersion) to train on a frozen snapshot`, { datasetId });
    }
    return this.call(principal, datasetContracts.getVersionContent, { id: latest.id });
  }
}
