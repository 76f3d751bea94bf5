import { describeParity } from './parity-suite.ts';

describeParity('DPN-68 and DPN-92 encoders match PyTorch (incl. dilated mode for DeepLabV3+)', (c) => c.encoder.startsWith('dpn'));
