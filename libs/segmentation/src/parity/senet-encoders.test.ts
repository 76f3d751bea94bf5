import { describeParity } from './parity-suite.ts';

describeParity('SE-ResNet-50 and SE-ResNeXt-50 encoders match PyTorch', (c) => c.encoder.startsWith('se_'));
