import { describeParity } from './parity-suite.ts';

describeParity('ResNet-101/152 encoders match PyTorch', (c) => c.architecture === 'unet' && (c.encoder === 'resnet101' || c.encoder === 'resnet152'));
