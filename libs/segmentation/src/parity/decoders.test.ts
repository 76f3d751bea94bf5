import { describeParity } from './parity-suite.ts';

describeParity('all seven SMP decoders import PyTorch weights exactly', (c) => c.architecture !== 'unet' || c.encoder === 'resnet18');
