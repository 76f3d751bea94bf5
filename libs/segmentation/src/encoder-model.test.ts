import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, encoderFeatureModel } from './index.ts';

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

const config = { architecture: 'unet', encoder: 'resnet18', classes: 3, encoderDepth: 3, decoderChannels: [16, 8, 8] };

async function features(encoder: tfl.LayersModel, input: tf.Tensor4D): Promise<{ shape: number[]; values: Float32Array }> {
  const output = encoder.predict(input) as tf.Tensor4D;
  const values = (await output.data()) as Float32Array;
  output.dispose();
  return { shape: output.shape, values };
}

describe('encoderFeatureModel', () => {
  it("gives the network's deepest encoder features, with the network's own weights, after a save and load", async () => {
    const network = buildModel(config);
    const loaded = await roundTrip(network);
    const other = buildModel(config);
    const input = tf.randomNormal<tf.Rank.R4>([1, 64, 64, 3], 0, 1, 'float32', 3);
    const [fromBuilt, fromLoaded, fromOther] = await Promise.all([network, loaded, other].map(async (m) => {
      const encoder = encoderFeatureModel(m);
      try {
        return await features(encoder, input);
      } finally {
        encoder.dispose();
      }
    }));
    // Depth 3: ResNet's layer2, 128 channels at 1/8.
    expect(fromLoaded!.shape).toEqual([1, 8, 8, 128]);
    expect(Array.from(fromLoaded!.values)).toEqual(Array.from(fromBuilt!.values));
    expect(Array.from(fromOther!.values)).not.toEqual(Array.from(fromBuilt!.values));
    input.dispose();
    [network, loaded, other].forEach((m) => m.dispose());
  });

  it('refuses a network that does not carry its segmentation config', () => {
    const input = tfl.input({ shape: [null, null, 3] });
    const bare = tfl.model({ inputs: input, outputs: tfl.layers.conv2d({ filters: 1, kernelSize: 1 }).apply(input) as tfl.SymbolicTensor });
    expect(() => encoderFeatureModel(bare)).toThrow(/carries no segmentation config/);
    bare.dispose();
  });
});
