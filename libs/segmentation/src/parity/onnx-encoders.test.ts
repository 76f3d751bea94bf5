import { describeOnnxParity } from './parity-suite.ts';

describeOnnxParity('every other encoder and decoder case of the oracle exports to ONNX exactly', (c) => c.encoder !== 'resnet18');
