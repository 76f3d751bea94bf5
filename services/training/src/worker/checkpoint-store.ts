import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MicroSegError } from '@microseg/errors';
import type { Trainer } from '@microseg/tf-runtime';
import type { LoopState } from '@microseg/training-recipe';
import type { Client } from 'minio';
import { readObject } from '../s3-client.ts';
import { assignWeights, namedWeights } from './named-weights.ts';

const FILES = ['weights.bin', 'weights.json', 'optimizer.bin', 'optimizer.json', 'state.json'] as const;
/** Older epochs are removed once this many newer ones are stored. */
const KEEP = 2;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const parse = <T>(bytes: Uint8Array): T => JSON.parse(Buffer.from(bytes).toString('utf8')) as T;

/**
 * Training checkpoints in S3: after every epoch the weights (batch-norm statistics included),
 * Adam's moments and step, and the loop state with its generator state, so that any worker can
 * continue the run exactly. The best epoch's checkpoint stays until the run ends: it becomes the
 * registered version.
 */
export class CheckpointStore {
  constructor(private readonly client: Client, private readonly bucket: string) {}

  private prefix(jobId: string): string {
    return `checkpoints/${jobId}`;
  }

  private epochPrefix(jobId: string, epoch: number): string {
    return `${this.prefix(jobId)}/epoch-${String(epoch).padStart(5, '0')}`;
  }

  private async put(key: string, data: Uint8Array | Buffer): Promise<void> {
    try {
      await this.client.putObject(this.bucket, key, Buffer.from(data.buffer, data.byteOffset, data.byteLength), data.byteLength);
    } catch (error) {
      throw new MicroSegError('UNAVAILABLE', `cannot write checkpoint file s3://${this.bucket}/${key}`, { cause: error });
    }
  }

  private async get(key: string): Promise<Uint8Array> {
    try {
      return await readObject(this.client, this.bucket, key);
    } catch (error) {
      throw new MicroSegError('UNAVAILABLE', `cannot read checkpoint file s3://${this.bucket}/${key}`, { cause: error });
    }
  }

  private async putWeights(prefix: string, model: LayersModel): Promise<void> {
    const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(namedWeights(model)));
    await this.put(`${prefix}/weights.bin`, new Uint8Array(data));
    await this.put(`${prefix}/weights.json`, json(specs));
  }

  private async getWeights(prefix: string): Promise<tf.NamedTensorMap> {
    const [data, specs] = await Promise.all([this.get(`${prefix}/weights.bin`), this.get(`${prefix}/weights.json`)]);
    return tf.io.decodeWeights(data.slice().buffer, parse(specs));
  }

  /**
   * state.json goes last: an epoch directory without it was never completed and is not read.
   * The best epoch's directory is kept as the best checkpoint instead of copying its weights.
   */
  async save(jobId: string, model: LayersModel, trainer: Trainer, state: LoopState, previousBest: number | null = null): Promise<void> {
    const prefix = this.epochPrefix(jobId, state.epoch);
    await this.putWeights(prefix, model);
    const optimizer = trainer.exportOptimizerState();
    const encoded = await tf.io.encodeWeights(optimizer.weights);
    await this.put(`${prefix}/optimizer.bin`, new Uint8Array(encoded.data));
    await this.put(`${prefix}/optimizer.json`, json({ config: optimizer.config, specs: encoded.specs }));
    await this.put(`${prefix}/state.json`, json(state));
    const best = state.schedule.bestEpoch;
    const stale = [state.epoch - KEEP, ...(previousBest !== null && previousBest !== best ? [previousBest] : [])];
    for (const epoch of new Set(stale)) {
      if (epoch >= 0 && epoch !== best && epoch <= state.epoch - KEEP) await this.remove(this.epochPrefix(jobId, epoch));
    }
  }

  async load(jobId: string, epoch: number, model: LayersModel, trainer: Trainer): Promise<LoopState> {
    const prefix = this.epochPrefix(jobId, epoch);
    const state = parse<LoopState>(await this.get(`${prefix}/state.json`));
    const weights = await this.getWeights(prefix);
    assignWeights(model, weights);
    tf.dispose(Object.values(weights));
    const [data, meta] = await Promise.all([this.get(`${prefix}/optimizer.bin`), this.get(`${prefix}/optimizer.json`)]);
    const { config, specs } = parse<{ config: ReturnType<Trainer['exportOptimizerState']>['config']; specs: tf.io.WeightsManifestEntry[] }>(meta);
    const moments = tf.io.decodeWeights(data.slice().buffer, specs);
    trainer.importOptimizerState({ config, weights: Object.entries(moments).map(([name, tensor]) => ({ name, tensor })) });
    tf.dispose(Object.values(moments));
    return state;
  }

  /** Loads the weights of the best epoch (kept by `save`) into the model. */
  async loadBest(jobId: string, model: LayersModel, bestEpoch: number): Promise<void> {
    const weights = await this.getWeights(this.epochPrefix(jobId, bestEpoch));
    assignWeights(model, weights);
    tf.dispose(Object.values(weights));
  }

  private async remove(prefix: string): Promise<void> {
    await Promise.all(FILES.map((file) => this.client.removeObject(this.bucket, `${prefix}/${file}`).catch(() => undefined)));
  }
}
