import { type ModelVersion, trainingContracts } from '@microseg/contracts';
import { isMicroSegError } from '@microseg/errors';
import DataLoader from 'dataloader';
import type { GatewayContext } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const loadersOf = new WeakMap<GatewayContext, DataLoader<string, ModelVersion | null>>();

/**
 * Per request: the model versions the caller may read, null for those it may not (another group's
 * private one, or sharing withdrawn) and for labels that are no registry id.
 */
export function readableModelVersions(context: GatewayContext): DataLoader<string, ModelVersion | null> {
  let loader = loadersOf.get(context);
  if (!loader) {
    loader = new DataLoader(async (ids) =>
      Promise.all(ids.map(async (id) => {
        if (!UUID.test(id)) return null;
        try {
          return await context.services.call(trainingContracts.getVersion, { id });
        } catch (error) {
          if (isMicroSegError(error) && error.code === 'NOT_FOUND') return null;
          throw error;
        }
      })),
    );
    loadersOf.set(context, loader);
  }
  return loader;
}

/**
 * A model version id as the caller may see it. Masks, segmentations and measurements travel with
 * a dataset shared with another group, but the model version that made them stays its owner's:
 * an id the caller cannot read is answered null. A label that is no registry id (a model mask
 * uploaded with the name of an outside model) is part of the dataset and shown as it is.
 */
export async function visibleModelVersionId(id: string | null | undefined, context: GatewayContext): Promise<string | null> {
  if (!id) return null;
  if (!UUID.test(id)) return id;
  return (await readableModelVersions(context).load(id)) ? id : null;
}

/** Every type that carries the id of the model version behind a mask, outside the owner's own resources (policies, runs, jobs). */
export const modelVersionVisibilityResolvers: Resolvers = {
  Segmentation: { modelVersionId: (segmentation, _args, context) => visibleModelVersionId(segmentation.modelVersionId, context) },
  Mask: { modelVersionId: (mask, _args, context) => visibleModelVersionId(mask.modelVersionId, context) },
  MeasurementSet: {
    modelVersionId: (set, _args, context) => visibleModelVersionId(set.modelVersionId, context),
    classRule: async (set, _args, context) =>
      set.modelVersionId && UUID.test(set.modelVersionId) ? ((await readableModelVersions(context).load(set.modelVersionId))?.classRule ?? null) : null,
  },
  MaskEvaluation: { modelVersionId: (evaluation, _args, context) => visibleModelVersionId(evaluation.modelVersionId, context) },
  SourceMeasurementSummary: { modelVersionId: (summary, _args, context) => visibleModelVersionId(summary.modelVersionId, context) },
};
