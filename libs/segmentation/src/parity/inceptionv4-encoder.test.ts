import { describeParity } from './parity-suite.ts';

describeParity('Inception-v4 encoder matches PyTorch', (c) => c.encoder === 'inceptionv4');
