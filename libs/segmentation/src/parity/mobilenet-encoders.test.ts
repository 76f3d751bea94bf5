import { describeParity } from './parity-suite.ts';

describeParity('MobileNetV2 encoder matches PyTorch', (c) => c.architecture === 'unet' && c.encoder === 'mobilenet_v2');
