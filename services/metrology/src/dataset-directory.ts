import {
  type Dataset,
  type Image,
  type Mask,
  type Principal,
  type PrincipalTokens,
  datasetContracts,
  requireRole,
} from '@microseg/contracts';
import { MicroSegError } from '@microseg/errors';
import { request } from '@microseg/messaging';
import type { NatsConnection } from 'nats';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Reads datasets and images from the dataset service, which owns them and their tenancy rule:
 * a caller's request is forwarded with the caller's principal, so what the caller may not read
 * is NOT_FOUND here too. Measurements add no read rule of their own.
 */
export class DatasetDirectory {
  constructor(
    private readonly nc: NatsConnection,
    /** Signs the principal of each call: the caller's, or the mask's group when measuring on its own. */
    private readonly principals: PrincipalTokens,
    private readonly timeoutMs = 15_000,
  ) {}

  readableDataset(principal: Principal, datasetId: string): Promise<Dataset> {
    return request(this.nc, datasetContracts.getDataset, { id: datasetId }, this.as(principal));
  }

  /** Writes (profiles, re-measuring) belong to members of the owning group, as for the dataset itself. */
  async writableDataset(principal: Principal, datasetId: string): Promise<Dataset> {
    const dataset = await this.readableDataset(principal, datasetId);
    if (dataset.groupId !== principal.groupId) {
      throw new MicroSegError(
        'FORBIDDEN',
        `dataset ${datasetId} belongs to another group: it is shared with you read-only`,
        {
          details: { datasetId },
        },
      );
    }
    requireRole(principal, 'member');
    return dataset;
  }

  readableImage(principal: Principal, imageId: string): Promise<Image> {
    return request(this.nc, datasetContracts.getImage, { id: imageId }, this.as(principal));
  }

  /** The images the caller may read among `ids` (the others are left out). */
  async readableImages(principal: Principal, ids: string[]): Promise<Image[]> {
    const { images } = await request(this.nc, datasetContracts.getImages, { ids }, this.as(principal));
    return images;
  }

  /** The images' current masks, as the dataset service (which owns them) answers now. */
  async masksOfImages(principal: Principal, imageIds: string[]): Promise<Mask[]> {
    const { masks } = await request(this.nc, datasetContracts.listMasks, { imageIds }, this.as(principal));
    return masks;
  }

  versionContent(principal: Principal, versionId: string) {
    return request(
      this.nc,
      datasetContracts.getVersionContent,
      { id: versionId },
      this.as(principal),
    );
  }

  /**
   * A dataset read by the service itself while measuring a mask of it (no caller then): it acts
   * as a viewer of the group that owns the mask, which may read its own datasets and nothing else.
   */
  datasetOfGroup(groupId: string, datasetId: string): Promise<Dataset> {
    const principal: Principal = {
      groupId,
      groupName: 'metrology service',
      memberId: NIL_UUID,
      keyId: NIL_UUID,
      role: 'viewer',
    };
    return this.readableDataset(principal, datasetId);
  }

  private as(principal: Principal) {
    return { timeoutMs: this.timeoutMs, headers: this.principals.headers(principal) };
  }
}
