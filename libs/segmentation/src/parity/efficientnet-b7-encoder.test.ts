import { describeParity } from './parity-suite.ts';

// B7 alone: its 64M synthetic weights take most of a test file's time budget.
describeParity('EfficientNet-B7 encoder matches PyTorch', (c) => c.encoder === 'efficientnet-b7');
