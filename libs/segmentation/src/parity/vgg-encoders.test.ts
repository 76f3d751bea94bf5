import { describeParity } from './parity-suite.ts';

describeParity('VGG-bn encoders match PyTorch', (c) => c.architecture === 'unet' && c.encoder.startsWith('vgg'));
