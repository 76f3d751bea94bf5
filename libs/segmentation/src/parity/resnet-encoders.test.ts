import { describeParity } from './parity-suite.ts';

const DEEP = new Set(['resnet101', 'resnet152']);

describeParity('ResNet-34/50 and ResNeXt-50 encoders match PyTorch', (c) =>
  c.architecture === 'unet' && /^res/.test(c.encoder) && c.encoder !== 'resnet18' && !DEEP.has(c.encoder));
