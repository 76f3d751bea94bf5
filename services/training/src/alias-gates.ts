import type { AliasGate, AliasMove, GateDeclaration, GateReport, Principal } from '@microseg/contracts';
import { forbidden, invalidInput, notFound } from '@microseg/errors';
import type { AliasGateRepository } from './alias-gates.repository.ts';
import type { DatasetReader } from './dataset-reader.ts';
import type { Registry } from './registry.ts';
import type { RegistryRepository } from './registry.repository.ts';

/**
 * Promotion gates on aliases: who may declare them, what they may name, and the verdict that
 * finishes a gated move. The evaluation itself (segment, measure, compare) is the inference
 * service's; this service keeps the declarations and the history.
 */
export class AliasGates {
  constructor(private readonly deps: { registry: Registry; repository: RegistryRepository; gates: AliasGateRepository; datasets: DatasetReader }) {}

  /**
   * The reference set must be a split of a dataset version of the caller's group that holds
   * images: the gate segments them with each candidate, which writes masks into that dataset.
   */
  async set(principal: Principal, input: GateDeclaration & { modelId: string; alias: string }): Promise<AliasGate> {
    const model = await this.deps.registry.ownedModel(principal, input.modelId);
    const { modelId: _modelId, alias, ...declaration } = input;
    const content = await this.deps.datasets.versionContent(principal, declaration.datasetVersionId);
    const dataset = await this.deps.datasets.dataset(principal, content.version.datasetId);
    if (dataset.groupId !== principal.groupId) {
      throw forbidden(`dataset ${dataset.id} belongs to another group: a gate writes the candidate's masks into its reference dataset`, { datasetId: dataset.id });
    }
    const experiment = content.experiments.find((e) => e.name === declaration.experiment);
    if (!experiment) {
      throw invalidInput(`dataset version ${content.version.number} has no split named ${declaration.experiment}`, {
        datasetVersionId: declaration.datasetVersionId, experiment: declaration.experiment, experiments: content.experiments.map((e) => e.name),
      });
    }
    const images = experiment[declaration.subset];
    if (images.length === 0) throw invalidInput(`the ${declaration.subset} subset of ${declaration.experiment} holds no image`, { experiment: declaration.experiment, subset: declaration.subset });
    if (declaration.comparison === 'groundTruth') {
      const withMask = new Set(content.images.filter((image) => image.mask).map((image) => image.imageId));
      if (!images.some((id) => withMask.has(id))) {
        throw invalidInput(`no image of the ${declaration.subset} subset of ${declaration.experiment} has a ground-truth mask to compare with`, { experiment: declaration.experiment, subset: declaration.subset });
      }
    }
    return this.deps.gates.set({ modelId: model.id, alias, declaration, setBy: principal.memberId });
  }

  async remove(principal: Principal, modelId: string, alias: string): Promise<AliasGate> {
    const model = await this.deps.registry.ownedModel(principal, modelId);
    const removed = await this.deps.gates.remove(model.id, alias);
    if (!removed) throw notFound('alias gate', `${model.name}@${alias}`);
    return removed;
  }

  async list(principal: Principal, modelId: string): Promise<AliasGate[]> {
    const model = await this.deps.registry.readableModel(principal, modelId);
    return this.deps.gates.list(model.id);
  }

  /** The inference service, acting for the model's group, hands in the report of a pending move. */
  async complete(principal: Principal, moveId: string, report: GateReport): Promise<AliasMove> {
    const move = await this.deps.repository.findMove(moveId);
    const model = move ? await this.deps.repository.findModelRow(move.model_id) : undefined;
    if (!move || !model || model.group_id !== principal.groupId) throw notFound('alias move', moveId);
    if (report.candidateVersionId !== move.to_version_id) {
      throw invalidInput(`the report is about version ${report.candidateVersionId}, the move about ${move.to_version_id}`, { moveId });
    }
    const decided = await this.deps.repository.decideGatedMove(moveId, report);
    if (!decided) throw notFound('alias move', moveId);
    return decided;
  }
}
