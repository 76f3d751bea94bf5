import * as tfl from '@tensorflow/tfjs-layers';
import { invalidInput } from '@microseg/errors';
import { METADATA_KEY, encoderBuildOptions } from './build-model.ts';
import type { ModelConfig } from './model-config.ts';

/**
 * The encoder of a segmentation network alone: image in, its deepest feature map out (SMP's
 * `features[-1]`, e.g. ResNet-18's 512 channels at 1/32). Built again from the config the network
 * carries and given the network's own encoder weights (layers that hold weights carry their
 * PyTorch names), so it computes exactly what the network's decoder reads. A new model, not a view:
 * dispose it on its own; the network is left as it was.
 */
export function encoderFeatureModel(network: tfl.LayersModel): tfl.LayersModel {
  const metadata = network.getUserDefinedMetadata() as Record<string, unknown> | undefined;
  const config = metadata?.[METADATA_KEY] as ModelConfig | undefined;
  if (!config) throw invalidInput(`network ${network.name} carries no segmentation config: its encoder cannot be found`, { network: network.name });
  const { encoder, depth, dilations } = encoderBuildOptions(config);
  const inputChannels = network.inputs[0]!.shape[3] ?? 3;
  const input = tfl.input({ shape: [null, null, inputChannels], name: 'image' });
  const features = encoder.build(input, { depth, dilations });
  const model = tfl.model({ inputs: input, outputs: features[features.length - 1]!, name: `${network.name}-encoder` });
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    let source: tfl.layers.Layer;
    try {
      source = network.getLayer(layer.name);
    } catch (cause) {
      model.dispose();
      throw invalidInput(`network ${network.name} has no layer ${layer.name} for its encoder`, { network: network.name, layer: layer.name }, cause);
    }
    layer.setWeights(source.getWeights());
  }
  return model;
}
