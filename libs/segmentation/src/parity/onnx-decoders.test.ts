import { describeOnnxParity } from './parity-suite.ts';

describeOnnxParity('all seven SMP decoders export to ONNX exactly (ResNet-18)', (c) => c.encoder === 'resnet18');
