import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, listArchitectures, listEncoders } from './index.ts';
import { syntheticStateDict } from './testing/synthetic-state-dict.ts';
import { loadStateDict } from './weights/load-state-dict.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

async function roundTrip(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
}

describe('buildModel', () => {
  it('lists the seven decoders and the encoders it can build', () => {
    expect(listArchitectures()).toEqual(['unet', 'unetplusplus', 'linknet', 'fpn', 'pspnet', 'pan', 'deeplabv3plus']);
    expect(listEncoders().map((e) => e.name)).toContain('resnext50_32x4d');
  });

  it('outputs one sigmoid channel for binary tasks and softmax over classes otherwise', () => {
    const binary = buildModel({ architecture: 'unet', encoder: 'mobilenet_v2', classes: 1, decoderChannels: [16, 8, 8, 8, 8] });
    const multi = buildModel({ architecture: 'unet', encoder: 'mobilenet_v2', classes: 4, decoderChannels: [16, 8, 8, 8, 8] });
    const x = tf.randomNormal([1, 64, 64, 3]);
    const p = multi.predict(x) as tf.Tensor;
    expect((binary.predict(x) as tf.Tensor).shape).toEqual([1, 64, 64, 1]);
    expect(Math.abs(tf.mean(tf.sum(p, -1)).dataSync()[0]! - 1)).toBeLessThan(1e-5);
    binary.dispose();
    multi.dispose();
  });

  it.each([
    ['fpn', 'resnet18'],
    ['deeplabv3plus', 'mobilenet_v2'],
    ['pan', 'mobilenet_v2'],
  ])('%s-%s saves and reloads as a layers model with identical output', async (architecture, encoder) => {
    const model = buildModel({ architecture, encoder, classes: 2 });
    loadStateDict(model, syntheticStateDict(model));
    const reloaded = await roundTrip(model);
    const x = tf.randomNormal([1, 128, 128, 3]);
    const diff = tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, reloaded.predict(x) as tf.Tensor))).dataSync()[0]!;
    expect(diff).toBe(0);
    loadStateDict(reloaded, syntheticStateDict(reloaded));
    model.dispose();
    reloaded.dispose();
  });

  it('refuses unknown names and encoders that cannot be dilated for PAN and DeepLabV3+', () => {
    expect(() => buildModel({ architecture: 'segformer', encoder: 'resnet18', classes: 1 })).toThrow(/unknown architecture/);
    expect(() => buildModel({ architecture: 'unet', encoder: 'resnet9', classes: 1 })).toThrow(/unknown encoder/);
    expect(() => buildModel({ architecture: 'pan', encoder: 'vgg11_bn', classes: 1 })).toThrow(/dilated/);
    expect(() => buildModel({ architecture: 'unet', encoder: 'resnet18', classes: 0 })).toThrow(/classes/);
  });
});
