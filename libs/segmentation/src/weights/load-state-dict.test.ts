import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { isMicroSegError } from '@microseg/errors';
import type { StateDict } from '@microseg/torch-checkpoint';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../build-model.ts';
import { syntheticStateDict } from '../testing/synthetic-state-dict.ts';
import { importCheckpoint, parseMicronetFileName } from './import-checkpoint.ts';
import { loadStateDict } from './load-state-dict.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const small = () => buildModel({ architecture: 'unet', encoder: 'mobilenet_v2', classes: 1, decoderChannels: [16, 8, 8, 8, 8] });

function thrown(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    expect(isMicroSegError(error)).toBe(true);
    return (error as { code: string; details: Record<string, unknown> }).details;
  }
  throw new Error('expected an error');
}

describe('loadStateDict', () => {
  it('loads a full SMP state_dict and skips BatchNorm counters', () => {
    const model = small();
    const dict = syntheticStateDict(model);
    dict.set('encoder.features.0.1.num_batches_tracked', { dtype: 'int64', shape: [], data: new BigInt64Array(1) });
    const report = loadStateDict(model, dict);
    expect(report.scope).toBe('model');
    expect(report.missing).toEqual([]);
    expect(report.skipped).toContain('encoder.features.0.1.num_batches_tracked');
    model.dispose();
  });

  it('lists missing, unexpected and mis-shaped keys in a typed error', () => {
    const model = small();
    const dict = syntheticStateDict(model);
    dict.delete('decoder.blocks.0.conv1.0.weight');
    dict.set('decoder.extra.weight', { dtype: 'float32', shape: [1], data: new Float32Array(1) });
    dict.set('segmentation_head.0.bias', { dtype: 'float32', shape: [2], data: new Float32Array(2) });
    const details = thrown(() => loadStateDict(model, dict));
    expect(details.missing).toEqual(['decoder.blocks.0.conv1.0.weight']);
    expect(details.unexpected).toEqual(['decoder.extra.weight']);
    expect(details.shapeMismatches).toEqual([{ key: 'segmentation_head.0.bias', expected: [1], actual: [2] }]);
    model.dispose();
  });

  it('tolerates missing and unexpected keys when not strict, never a wrong shape', () => {
    const model = small();
    const dict = syntheticStateDict(model);
    dict.delete('decoder.blocks.0.conv1.0.weight');
    expect(loadStateDict(model, dict, { strict: false }).missing).toEqual(['decoder.blocks.0.conv1.0.weight']);
    dict.set('segmentation_head.0.bias', { dtype: 'float32', shape: [3], data: new Float32Array(3) });
    thrown(() => loadStateDict(model, dict, { strict: false }));
    model.dispose();
  });

  it('loads bare encoder weights (MicroNet release layout) and leaves the decoder fresh', async () => {
    const model = small();
    const full = syntheticStateDict(model);
    const encoderOnly: StateDict = new Map();
    for (const [key, value] of full) if (key.startsWith('encoder.')) encoderOnly.set(key.slice('encoder.'.length), value);
    encoderOnly.set('classifier.1.weight', { dtype: 'float32', shape: [1000, 1280], data: new Float32Array(1280000) });
    const decoderBefore = await model.getLayer('decoder.blocks.0.conv1.0').getWeights()[0]!.data();
    const report = loadStateDict(model, encoderOnly);
    expect(report.scope).toBe('encoder');
    expect(report.skipped).toEqual(['classifier.1.weight']);
    const stem = await model.getLayer('encoder.features.0.1').getWeights()[0]!.data();
    expect(Array.from(stem)).toEqual(Array.from(full.get('encoder.features.0.1.weight')!.data as Float32Array));
    expect(await model.getLayer('decoder.blocks.0.conv1.0').getWeights()[0]!.data()).toEqual(decoderBefore);
    model.dispose();
  });
});

describe('importCheckpoint', () => {
  it('parses MicroNet release file names', () => {
    expect(parseMicronetFileName('/w/resnet50_pretrained_imagenet-microscopynet_v1.1.pth.tar')).toEqual({
      encoder: 'resnet50', pretraining: 'imagenet-microscopynet', version: '1.1',
    });
    expect(parseMicronetFileName('se_resnext50_32x4d_pretrained_microscopynet_v1.0.pth.tar')?.encoder).toBe('se_resnext50_32x4d');
    expect(parseMicronetFileName('model.pth')).toBeUndefined();
  });

  it('builds the network named by checkpoint metadata, classes from the head', () => {
    const source = buildModel({ architecture: 'linknet', encoder: 'mobilenet_v2', classes: 3 });
    const checkpoint = { format: 'torch-zip' as const, stateDict: syntheticStateDict(source), metadata: { architecture: 'Linknet', encoder: 'mobilenet_v2' } };
    source.dispose();
    const { model, config } = importCheckpoint(checkpoint);
    expect(config).toMatchObject({ architecture: 'Linknet', encoder: 'mobilenet_v2', classes: 3 });
    expect(model.outputs[0]!.shape).toEqual([null, null, null, 3]);
    model.dispose();
  });

  it('refuses a checkpoint that does not name its network', () => {
    const checkpoint = { format: 'torch-zip' as const, stateDict: new Map(), metadata: {} };
    thrown(() => importCheckpoint(checkpoint));
  });
});
