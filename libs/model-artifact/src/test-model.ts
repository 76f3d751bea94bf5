import { type LayersModel, layers, sequential } from '@tensorflow/tfjs-layers';
import type { ModelDescription } from './manifest.ts';

/** A three-class model description as a user would give it (test fixture). */
export const description: ModelDescription = {
  name: 'tiny-unet',
  architecture: 'unet',
  encoder: 'resnet18',
  classes: [
    { index: 0, name: 'matrix', color: '#000000' },
    { index: 1, name: 'pore', color: '#ff0000' },
    { index: 2, name: 'inclusion', color: '#00ff00' },
  ],
  input: {
    channels: 3,
    grayscale: 'replicate',
    bitDepths: [8, 16],
    normalisation: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  },
  tile: { size: 512, stride: 256 },
  trainingPixelSize: { value: 2.5, unit: 'nm' },
  sourceWeights: [
    { name: 'resnet18_pretrained_microscopynet_v1.1.pth.tar', sha256: 'a'.repeat(64) },
  ],
  metrics: { iou: 0.81 },
  licence: 'MIT',
  codeVersion: '0.1.0',
};

/** A tiny fully convolutional three-class model (test fixture). */
export function tinyModel(): LayersModel {
  const model = sequential();
  model.add(
    layers.conv2d({
      inputShape: [null, null, 3],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
    }),
  );
  model.add(layers.conv2d({ filters: 3, kernelSize: 1, activation: 'softmax' }));
  return model;
}
