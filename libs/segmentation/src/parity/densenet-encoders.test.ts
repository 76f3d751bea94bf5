import { describeParity } from './parity-suite.ts';

describeParity('DenseNet encoders match PyTorch', (c) => c.architecture === 'unet' && c.encoder.startsWith('densenet'));
