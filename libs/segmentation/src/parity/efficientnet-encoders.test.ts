import { describeParity } from './parity-suite.ts';

const SMALL = new Set(['efficientnet-b0', 'efficientnet-b1', 'efficientnet-b2', 'efficientnet-b3']);

// B2 and B3 have odd nominal map sizes (65, 33, 17 / 75, 19), where static 'same' padding turns symmetric.
describeParity('EfficientNet-B0..B3 encoders match PyTorch (incl. dilated mode for DeepLabV3+ and PAN)', (c) => SMALL.has(c.encoder));
