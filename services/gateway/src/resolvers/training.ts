import { type ModelVersion, trainingContracts as c, trainingEvents } from '@microseg/contracts';
import { type GatewayContext, requireCaller } from '../context.ts';
import type { InputMaybe, RecipeInput, Resolvers, VisibilityInput } from '../generated/resolvers-types.ts';
import { subscriptionEvents } from '../subscriptions.ts';
import { absentAsNull } from './absent-as-null.ts';
import { connectionOf, pageOfList } from './connection-page.ts';

/** Training runs for minutes; the service answers quickly but checks the dataset first. */
const START_TIMEOUT_MS = 60_000;
/** Packaging or importing runs the network on its test input: seconds for large encoders on a busy CPU. */
const PACKAGE_TIMEOUT_MS = 120_000;

const defined = <T>(value: InputMaybe<T> | undefined): T | undefined => (value === null ? undefined : value);
const visibility = (value: VisibilityInput) => ({ level: value.level, sharedWith: value.sharedWith ?? [] });
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** GraphQL's flat recipe input to the contract's overrides, leaving out what was not given. */
function recipe(input: InputMaybe<RecipeInput> | undefined) {
  if (!input) return {};
  const entries = Object.entries({
    learningRate: defined(input.learningRate),
    patience: defined(input.patience),
    fineLearningRate: defined(input.fineLearningRate),
    finePatience: defined(input.finePatience),
    maxEpochs: defined(input.maxEpochs),
    crop: defined(input.crop),
    batchSize: defined(input.batchSize),
    horizontalFlipOnly: defined(input.horizontalFlipOnly),
    freezeEncoder: defined(input.freezeEncoder),
    seed: defined(input.seed),
  }).filter(([, v]) => v !== undefined);
  const loss = Object.fromEntries(Object.entries({ bce: defined(input.bceWeight), dice: defined(input.diceWeight) }).filter(([, v]) => v !== undefined));
  return { ...Object.fromEntries(entries), ...(Object.keys(loss).length ? { loss } : {}) };
}

const versionOwner = (version: ModelVersion, _args: unknown, context: GatewayContext) => context.loaders.groupById.load(version.groupId);

export const trainingResolvers: Resolvers = {
  Query: {
    trainingJobs: async (_parent, { first, after, filter }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.listJobs, {
        first: first ?? 50,
        ...(after ? { after } : {}),
        ...(filter?.state ? { state: filter.state } : {}),
        ...(filter?.datasetId ? { datasetId: filter.datasetId } : {}),
        ...(filter?.benchmarkId ? { benchmarkId: filter.benchmarkId } : {}),
      });
      return connectionOf(page);
    },
    trainingJob: (_parent, { id }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getJob, { id }));
    },
    models: async (_parent, { first, after, filter }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.listModels, {
        first: first ?? 50,
        ...(after ? { after } : {}),
        ...(filter?.material ? { material: filter.material } : {}),
        ownedOnly: filter?.ownedOnly ?? false,
      });
      return connectionOf(page);
    },
    model: (_parent, { id }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getModel, { id }));
    },
    modelVersions: async (_parent, { first, after, filter }, context) => {
      requireCaller(context);
      const page = await context.services.call(c.listVersions, {
        first: first ?? 50,
        ...(after ? { after } : {}),
        filter: {
          ...(filter?.modelId ? { modelId: filter.modelId } : {}),
          ...(filter?.material ? { material: filter.material } : {}),
          ...(filter?.alias ? { alias: filter.alias } : {}),
          ...(filter?.visibility ? { visibility: filter.visibility } : {}),
          ...(typeof filter?.minIou === 'number' ? { minIou: filter.minIou } : {}),
          ...(filter?.datasetVersionId ? { datasetVersionId: filter.datasetVersionId } : {}),
          ownedOnly: filter?.ownedOnly ?? false,
        },
      });
      return connectionOf(page);
    },
    modelVersion: (_parent, { id }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getVersion, { id }));
    },
    modelVersionByAlias: (_parent, { model, alias }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.resolveAlias, { model, alias }));
    },
    compareModelVersions: async (_parent, { ids }, context) => {
      requireCaller(context);
      return (await context.services.call(c.compareVersions, { ids })).versions;
    },
    lineage: (_parent, { versionId }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.lineage, { id: versionId }));
    },
    importedWeights: async (_parent, { encoder, ...page }, context) => {
      requireCaller(context);
      const { weights } = await context.services.call(c.listWeights, encoder ? { encoder } : {});
      return pageOfList(weights, (imported) => imported.id, page);
    },
    benchmark: (_parent, { id }, context) => {
      requireCaller(context);
      return absentAsNull(context.services.call(c.getBenchmark, { id }));
    },
  },
  Mutation: {
    startTraining: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(
        c.startTraining,
        {
          datasetId: input.datasetId,
          ...(input.datasetVersionId ? { datasetVersionId: input.datasetVersionId } : {}),
          experiment: input.experiment,
          architecture: input.architecture,
          encoder: input.encoder,
          init: input.init ?? 'random',
          ...(input.classes ? { classes: input.classes } : {}),
          binary: input.binary ?? false,
          recipe: recipe(input.recipe),
          classRule: input.classRule ?? 'threshold',
          sixteenBitInput: input.sixteenBitInput ?? 'full_range',
          ...(input.modelName ? { modelName: input.modelName } : {}),
        },
        { timeoutMs: START_TIMEOUT_MS },
      );
    },
    cancelTrainingJob: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.cancelJob, { id });
    },
    retryTrainingJob: (_parent, { id }, context) => {
      requireCaller(context);
      return context.services.call(c.retryJob, { id });
    },
    shareModelVersion: (_parent, { id, visibility: level }, context) => {
      requireCaller(context);
      return context.services.call(c.shareVersion, { id, visibility: visibility(level) });
    },
    setModelAlias: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.setAlias, {
        modelId: input.modelId,
        alias: input.alias,
        versionId: input.versionId,
        ...(input.expectedVersionId !== undefined ? { expectedVersionId: input.expectedVersionId } : {}),
        skipGate: input.skipGate ?? false,
      });
    },
    updateModelCard: (_parent, { modelId, card }, context) => {
      requireCaller(context);
      return context.services.call(c.updateModelCard, {
        modelId,
        card: Object.fromEntries(Object.entries({
          markdown: defined(card.markdown),
          intendedMaterial: card.intendedMaterial,
          magnification: card.magnification,
          pixelSize: card.pixelSize,
          limits: card.limits,
        }).filter(([, v]) => v !== undefined)),
      });
    },
    createWeightsUpload: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createWeightsUpload, input);
    },
    importWeights: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(
        c.completeWeightsUpload,
        {
          uploadId: input.uploadId,
          ...(input.name ? { name: input.name } : {}),
          ...(input.encoder ? { encoder: input.encoder } : {}),
          ...(input.architecture ? { architecture: input.architecture } : {}),
          ...(input.visibility ? { visibility: visibility(input.visibility) } : {}),
        },
        { timeoutMs: START_TIMEOUT_MS },
      );
    },
    createModelPackageUpload: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(c.createPackageUpload, input);
    },
    importModelPackage: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(
        c.importPackage,
        {
          uploadId: input.uploadId,
          ...(input.modelName ? { modelName: input.modelName } : {}),
          ...(input.material ? { material: input.material } : {}),
          ...(input.visibility ? { visibility: visibility(input.visibility) } : {}),
        },
        { timeoutMs: PACKAGE_TIMEOUT_MS },
      );
    },
    reproduceBenchmark: (_parent, { input }, context) => {
      requireCaller(context);
      return context.services.call(
        c.reproduceBenchmark,
        {
          datasetId: input.datasetId,
          experiments: input.experiments,
          architectures: input.architectures,
          encoders: input.encoders,
          initWeights: input.initWeights ?? ['random'],
          recipe: recipe(input.recipe),
          classRule: input.classRule ?? 'threshold',
          sixteenBitInput: input.sixteenBitInput ?? 'full_range',
        },
        { timeoutMs: START_TIMEOUT_MS },
      );
    },
  },
  Subscription: {
    trainingJobProgress: {
      subscribe: async function* (_parent, { jobId }, context) {
        requireCaller(context);
        // Answers NOT_FOUND for another group's job before anything is streamed.
        const job = await context.services.call(c.getJob, { id: jobId });
        yield { trainingJobProgress: { jobId, state: job.state, progress: job.progress, at: new Date().toISOString() } };
        if (FINISHED.has(job.state)) return;
        for await (const event of subscriptionEvents(context, trainingEvents.jobProgress, (e) => e.jobId === jobId, (e) => FINISHED.has(e.state))) {
          yield { trainingJobProgress: { jobId: event.jobId, state: event.state, progress: event.progress, at: event.at } };
        }
      },
    },
  },
  TrainingJob: {
    epochs: async (job, _args, context) => (await context.services.call(c.jobEpochs, { id: job.id })).epochs,
    modelVersion: (job, _args, context) => (job.modelVersionId ? context.services.call(c.getVersion, { id: job.modelVersionId }) : null),
  },
  ModelVersion: {
    owner: versionOwner,
    download: (version, { format }, context) => context.services.call(c.downloadVersion, { id: version.id, format }, { timeoutMs: PACKAGE_TIMEOUT_MS }),
  },
  Model: {
    owner: (model, _args, context) => context.loaders.groupById.load(model.groupId),
    versions: async (model, { first, after }, context) => {
      const page = await context.services.call(c.listVersions, { first: first ?? 50, ...(after ? { after } : {}), filter: { modelId: model.id, ownedOnly: false } });
      return connectionOf(page);
    },
    aliasHistory: async (model, { alias, ...page }, context) => {
      const { moves } = await context.services.call(c.aliasHistory, { modelId: model.id, ...(alias ? { alias } : {}) });
      return pageOfList(moves, (move) => move.id, page);
    },
  },
  Lineage: {
    descendants: (lineage, args) => pageOfList(lineage.descendants, (version) => version.id, args),
  },
  Benchmark: {
    jobs: async (benchmark, _args, context) => Promise.all(benchmark.jobIds.map((id) => context.services.call(c.getJob, { id }))),
    experiments: (benchmark) => benchmark.table.experiments,
    rows: (benchmark) => benchmark.table.rows,
    best: (benchmark) => benchmark.table.experiments.map((experiment) => ({ experiment, model: benchmark.table.best[experiment]?.model ?? null, iou: benchmark.table.best[experiment]?.iou ?? null })),
  },
};
