import { randomUUID } from 'node:crypto';
import { type ModelVersion, PRIVATE, type PrincipalTokens, trainingContracts } from '@microseg/contracts';
import { notFound } from '@microseg/errors';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import '@microseg/segmentation';
import { buildModel } from '@microseg/segmentation';
import { saveArtifact } from '@microseg/model-artifact';
import { initBackend } from '@microseg/tf-runtime';
import { Client } from 'minio';
import type { NatsConnection } from 'nats';
import type { GatewayClient } from '@microseg/cli';
import { IMAGENET_INPUT, SUPERALLOY_CLASSES } from '../fixtures/superalloy-model.ts';
import type { TestPlatform } from '../harness/index.ts';

/** The superalloy classes every pipeline test segments (re-exported: several tests import them from here). */
export const CLASSES = SUPERALLOY_CLASSES;

/**
 * A tiny UNet-ResNet18 (depth 3, narrow decoder, 64-pixel tiles) saved as a real artifact in S3,
 * so the inference service loads, self-tests and runs it as it would a trained model.
 */
export async function saveTinyModel(
  s3: { endpoint: string; accessKey: string; secretKey: string; region: string },
  bucket: string,
  prefix: string,
  options: { bitDepths?: (8 | 16)[] } = {},
) {
  await initBackend({ preferred: 'wasm' });
  const url = new URL(s3.endpoint);
  const client = new Client({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey: s3.accessKey, secretKey: s3.secretKey, region: s3.region });
  if (!(await client.bucketExists(bucket))) await client.makeBucket(bucket, s3.region);
  const model = buildModel({ architecture: 'unet', encoder: 'resnet18', classes: CLASSES.length, encoderDepth: 3, decoderChannels: [16, 8, 8] });
  await saveArtifact(
    model,
    {
      name: 'tiny-unet-resnet18',
      architecture: 'unet',
      encoder: 'resnet18',
      classes: CLASSES,
      input: { ...IMAGENET_INPUT, bitDepths: options.bitDepths ?? [8, 16] },
      tile: { size: 64, stride: 32 },
      trainingPixelSize: null,
      sourceWeights: [],
      metrics: {},
      licence: 'MIT',
      codeVersion: 'test',
    },
    { client, bucket, prefix },
    { testInput: { shape: [1, 32, 32, 3], data: new Float32Array(32 * 32 * 3).fill(0.25) } },
  );
  model.dispose();
}

/**
 * The training service's registry answers (getVersion, resolveAlias) for one group's model: the
 * training service registers versions only from its own jobs, which take minutes even on tiny
 * settings, so this test serves the two registry contracts the pipeline reads.
 */
export function serveRegistry(nc: NatsConnection, principals: PrincipalTokens, groupId: string, artifact: { bucket: string; prefix: string }) {
  const modelId = randomUUID();
  const versions = new Map<string, ModelVersion>();
  const aliases = new Map<string, string>();
  const addVersion = (number: number, prefix = artifact.prefix, overrides: Partial<Pick<ModelVersion, 'classes' | 'binary' | 'outOfDistribution' | 'intervalCalibration'>> = {}): ModelVersion => {
    const version: ModelVersion = {
      id: randomUUID(), modelId, modelName: 'tiny-unet', groupId, number, architecture: 'unet', encoder: 'resnet18', classes: CLASSES, binary: false,
      material: 'super', classRule: 'argmax', sixteenBitInput: 'full_range', iouDefinition: 'paper',
      metrics: { val: { iou: 0.5, meanClassIou: 0.5, perClass: [], images: 1 }, test: null }, config: {},
      dataset: { datasetId: randomUUID(), versionId: randomUUID(), contentHash: '0'.repeat(64), experiment: 'Super1' },
      parent: { kind: 'random', id: null, name: 'random' }, codeVersion: 'test', seed: 1, durationSeconds: 1, workerKind: 'cpu',
      artifact: { bucket: artifact.bucket, prefix }, jobId: null, visibility: PRIVATE, aliases: [], createdAt: new Date().toISOString(), outOfDistribution: null, intervalCalibration: null,
      ...overrides,
    };
    versions.set(version.id, version);
    return version;
  };
  const readable = (principalGroup: string, version: ModelVersion | undefined, id: string) => {
    if (!version || version.groupId !== principalGroup) throw notFound('model version', id);
    return version;
  };
  // Verified as the training service would: the inference service signs the principal it acts for.
  const options = { verifier: principals };
  const servers: RequestServer[] = [
    serveAuthenticated(nc, trainingContracts.getVersion, ({ id }, { principal }) => Promise.resolve(readable(principal.groupId, versions.get(id), id)), options),
    serveAuthenticated(nc, trainingContracts.resolveAlias, ({ model, alias }, { principal }) => {
      const id = model === modelId || model === 'tiny-unet' ? aliases.get(alias) : undefined;
      return Promise.resolve(readable(principal.groupId, id ? versions.get(id) : undefined, `${model}@${alias}`));
    }, options),
  ];
  return {
    modelId,
    addVersion,
    setAlias: (alias: string, versionId: string) => aliases.set(alias, versionId),
    stop: () => Promise.all(servers.map((s) => s.stop())),
  };
}

export interface TinyModelDataset {
  nc: NatsConnection;
  registry: ReturnType<typeof serveRegistry>;
  /** Version 1 of `tiny-unet`, behind the alias `production`. */
  versionId: string;
  /** A dataset of CLASSES in the lab's group. */
  datasetId: string;
  /** Where further versions' artifacts go (`registry.addVersion(n, prefix)` reads them from here). */
  modelBucket: string;
  stop(): Promise<void>;
}

/** What every pipeline test starts from: a dataset and a tiny model version its policies can follow. */
export async function setUpTinyModelDataset(
  platform: TestPlatform,
  lab: { groupId: string; client: GatewayClient },
  options: { name: string; bitDepths?: (8 | 16)[] },
): Promise<TinyModelDataset> {
  const nc = await platform.infrastructure.connectNats(options.name);
  const artifact = { bucket: `${options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-models`, prefix: `tiny/${randomUUID()}` };
  await saveTinyModel(platform.infrastructure.s3, artifact.bucket, artifact.prefix, options.bitDepths ? { bitDepths: options.bitDepths } : {});
  const registry = serveRegistry(nc, platform.infrastructure.principals, lab.groupId, artifact);
  const versionId = registry.addVersion(1).id;
  registry.setAlias('production', versionId);
  const { createDataset } = await lab.client.request<{ createDataset: { id: string } }>(
    'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { id } }',
    { input: { name: options.name, material: 'super', classes: CLASSES } },
  );
  return {
    nc,
    registry,
    versionId,
    datasetId: createDataset.id,
    modelBucket: artifact.bucket,
    async stop() {
      await registry.stop();
      await nc.drain();
    },
  };
}
