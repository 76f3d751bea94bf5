import { type Principal, canRead, requireRole } from '@microseg/contracts';
import { MicroSegError, notFound } from '@microseg/errors';
import type { DatasetRepository, DatasetRow } from './dataset.repository.ts';
import type { Dataset } from '@microseg/contracts';

export interface AccessibleDataset {
  row: DatasetRow;
  dataset: Dataset;
}

/**
 * The tenancy rule of datasets and everything in them: readable per `canRead`, otherwise it does
 * not exist for the caller (NOT_FOUND); writable only by members of the owning group.
 */
export class DatasetAccess {
  constructor(private readonly datasets: DatasetRepository) {}

  async readable(principal: Principal, id: string): Promise<AccessibleDataset> {
    const found = await this.datasets.find(id);
    if (!found || !canRead(principal, { ownerGroupId: found.row.group_id, visibility: found.dataset.visibility })) {
      throw notFound('dataset', id);
    }
    return found;
  }

  async writable(principal: Principal, id: string): Promise<AccessibleDataset> {
    const found = await this.readable(principal, id);
    if (found.row.group_id !== principal.groupId) {
      throw new MicroSegError('FORBIDDEN', `dataset ${id} belongs to another group: it is shared with you read-only`, {
        details: { datasetId: id },
      });
    }
    requireRole(principal, 'member');
    return found;
  }
}
