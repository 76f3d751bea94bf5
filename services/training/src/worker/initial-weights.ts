import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { InitialWeights } from '@microseg/contracts';
import { MicroSegError, isMicroSegError, notFound } from '@microseg/errors';
import { loadArtifact } from '@microseg/model-artifact';
import { loadStateDict, parseMicronetFileName } from '@microseg/segmentation';
import { readCheckpoint } from '@microseg/torch-checkpoint';
import type { Client } from 'minio';
import type { RegistryRepository } from '../registry.repository.ts';
import { readObject } from '../s3-client.ts';
import type { WeightsRepository } from '../weights.repository.ts';
import { transferWeights } from './named-weights.ts';

/** Errors of loading weights that no retry can fix name the keys that do not fit. */
function incompatible(error: unknown, init: InitialWeights): never {
  if (isMicroSegError(error) && error.code === 'INVALID_INPUT') {
    throw new MicroSegError('INVALID_INPUT', `incompatible initial weights ${init.name}: ${error.message}`, {
      details: { reason: 'incompatible-initial-weights', ...error.details },
      cause: error,
    });
  }
  throw error;
}

/** Loads the job's initial weights into a freshly built network (random init keeps the seeded weights). */
export async function applyInitialWeights(
  model: LayersModel,
  init: InitialWeights,
  deps: { client: Client; registry: RegistryRepository; weights: WeightsRepository; groupId: string },
): Promise<void> {
  if (init.kind === 'random' || !init.id) return;
  if (init.kind === 'version') {
    const row = await deps.registry.findVersionRow(init.id);
    if (!row) throw notFound('model version', init.id);
    const parent = await loadArtifact({ client: deps.client, bucket: row.artifact_bucket, prefix: row.artifact_prefix });
    try {
      transferWeights(parent.model, model);
    } catch (error) {
      incompatible(error, init);
    } finally {
      parent.model.dispose();
    }
    return;
  }
  const weights = await deps.weights.findReadable(deps.groupId, init.id);
  if (!weights) throw notFound('imported weights', init.id);
  const checkpoint = await readCheckpoint(await readObject(deps.client, weights.object.bucket, weights.object.key));
  try {
    loadStateDict(model, checkpoint.stateDict, {
      strict: true,
      ...(weights.scope === 'encoder' || parseMicronetFileName(weights.fileName) ? { scope: 'encoder' as const } : {}),
    });
  } catch (error) {
    incompatible(error, init);
  }
}
