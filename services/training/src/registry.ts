import { type Lineage, type Model, type ModelCard, type ModelVersion, type Principal, type ShareTargetCheck, type Visibility, canRead, requireRole } from '@microseg/contracts';
import { forbidden, notFound } from '@microseg/errors';
import type { JobRepository } from './job.repository.ts';
import { toTrainingJob } from './job.repository.ts';
import type { ModelRow, RegistryRepository, VersionRow } from './registry.repository.ts';
import type { WeightsRepository } from './weights.repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The registry's tenancy rules: a version is readable per `canRead`; a model is readable by its
 * group and by anyone who can read one of its versions; otherwise neither exists for the caller
 * (NOT_FOUND). Changes are for members of the owning group only.
 */
export class Registry {
  constructor(private readonly deps: { registry: RegistryRepository; jobs: JobRepository; weights: WeightsRepository; shareTargets: ShareTargetCheck }) {}

  async readableVersion(principal: Principal, id: string): Promise<VersionRow> {
    const row = await this.deps.registry.findVersionRow(id);
    if (!row || !canRead(principal, { ownerGroupId: row.group_id, visibility: { level: row.visibility_level, sharedWith: row.shared_with } })) {
      throw notFound('model version', id);
    }
    return row;
  }

  async getVersion(principal: Principal, id: string): Promise<ModelVersion> {
    const [version] = await this.deps.registry.toVersions([await this.readableVersion(principal, id)]);
    return version!;
  }

  async readableModel(principal: Principal, idOrName: string): Promise<ModelRow> {
    const row = UUID.test(idOrName)
      ? await this.deps.registry.findModelRow(idOrName)
      : await this.deps.registry.findModelByName(principal.groupId, idOrName);
    if (!row) throw notFound('model', idOrName);
    if (row.group_id !== principal.groupId && (await this.deps.registry.readableVersionCount(principal.groupId, row.id)) === 0) {
      throw notFound('model', idOrName);
    }
    return row;
  }

  async getModel(principal: Principal, idOrName: string): Promise<Model> {
    return this.deps.registry.toModelView(principal.groupId, await this.readableModel(principal, idOrName));
  }

  /** A model of the caller's group, for a member: changes to it are theirs to make. */
  async ownedModel(principal: Principal, id: string): Promise<ModelRow> {
    const row = await this.readableModel(principal, id);
    if (row.group_id !== principal.groupId) throw forbidden(`model ${id} belongs to another group: it is shared with you read-only`, { modelId: id });
    requireRole(principal, 'member');
    return row;
  }

  async compare(principal: Principal, ids: string[]): Promise<ModelVersion[]> {
    const rows = await Promise.all(ids.map((id) => this.readableVersion(principal, id)));
    return this.deps.registry.toVersions(rows);
  }

  async share(principal: Principal, id: string, visibility: Visibility): Promise<ModelVersion> {
    const row = await this.readableVersion(principal, id);
    if (row.group_id !== principal.groupId) throw forbidden(`model version ${id} belongs to another group`, { versionId: id });
    requireRole(principal, 'member');
    await this.deps.shareTargets(principal, visibility);
    const [version] = await this.deps.registry.toVersions([await this.deps.registry.setVisibility(id, visibility)]);
    return version!;
  }

  async setAlias(principal: Principal, input: { modelId: string; alias: string; versionId: string; expectedVersionId?: string | null | undefined; skipGate?: boolean }) {
    const model = await this.ownedModel(principal, input.modelId);
    // Passing a gate by is an operator's decision (a gate that cannot run, an urgent rollback), recorded with the move.
    if (input.skipGate) requireRole(principal, 'admin');
    const version = await this.readableVersion(principal, input.versionId);
    if (version.model_id !== model.id) throw notFound('model version', `${input.versionId} of model ${model.name}`);
    return this.deps.registry.moveAlias({ ...input, modelId: model.id, movedBy: principal.memberId, expected: input.expectedVersionId, skipGate: input.skipGate ?? false });
  }

  async aliasHistory(principal: Principal, modelId: string, alias?: string) {
    const model = await this.readableModel(principal, modelId);
    return this.deps.registry.aliasHistory(model.id, alias);
  }

  async resolveAlias(principal: Principal, modelIdOrName: string, alias: string): Promise<ModelVersion> {
    const model = await this.readableModel(principal, modelIdOrName);
    const target = await this.deps.registry.aliasTarget(model.id, alias);
    if (!target) throw notFound('alias', `${model.name}@${alias}`);
    return this.getVersion(principal, target);
  }

  async updateCard(principal: Principal, modelId: string, card: Partial<ModelCard>): Promise<Model> {
    const model = await this.ownedModel(principal, modelId);
    const row = await this.deps.registry.updateCard(model.id, { ...model.card, ...card });
    return this.deps.registry.toModelView(principal.groupId, row);
  }

  /** From a version back to its dataset, initial weights (and theirs...) and run, and forward to versions trained from it. */
  async lineage(principal: Principal, id: string): Promise<Lineage> {
    const version = await this.getVersion(principal, id);
    const ancestors: Lineage['ancestors'] = [];
    let parent = version.parent;
    const seen = new Set([version.id]);
    while (parent.kind !== 'random' && parent.id && !seen.has(parent.id)) {
      seen.add(parent.id);
      if (parent.kind === 'weights') {
        ancestors.push({ weights: parent, version: null, imported: (await this.deps.weights.findReadable(principal.groupId, parent.id)) ?? null });
        break;
      }
      const [row] = await this.deps.registry.readableVersionRows(principal.groupId, [parent.id]);
      const [ancestor] = row ? await this.deps.registry.toVersions([row]) : [];
      ancestors.push({ weights: parent, version: ancestor ?? null, imported: null });
      if (!ancestor) break;
      parent = ancestor.parent;
    }
    const jobRow = version.jobId ? await this.deps.jobs.find(version.jobId) : undefined;
    const job = jobRow && jobRow.group_id === principal.groupId ? toTrainingJob(jobRow, null) : null;
    const descendants = await this.deps.registry.toVersions(await this.deps.registry.readableDescendants(principal.groupId, id));
    return { version, dataset: version.dataset, ancestors, job, descendants };
  }
}
