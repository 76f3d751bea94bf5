import { describeParity } from './parity-suite.ts';

const LARGE = new Set(['efficientnet-b4', 'efficientnet-b5', 'efficientnet-b6']);

describeParity('EfficientNet-B4..B6 encoders match PyTorch', (c) => LARGE.has(c.encoder));
