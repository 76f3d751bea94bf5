import { describeParity } from './parity-suite.ts';

describeParity('Xception encoder matches PyTorch', (c) => c.encoder === 'xception');
