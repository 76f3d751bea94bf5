import { describeParity } from './parity-suite.ts';

describeParity('decoders on bottleneck, VGG, DenseNet and MobileNet encoders match PyTorch', (c) =>
  c.encoder !== 'resnet18' && c.architecture !== 'unet');
