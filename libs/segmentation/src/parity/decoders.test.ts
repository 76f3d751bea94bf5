import { describeParity } from './parity-suite.ts';

describeParity('all seven SMP decoders import PyTorch weights exactly (ResNet-18)', (c) => c.encoder === 'resnet18');
