import * as tfl from '@tensorflow/tfjs-layers';

/**
 * A two-level encoder-decoder with the layer kinds of the paper's networks (strided and 1x1 convolutions,
 * batch norm, max-pool, nearest upsampling, skip concatenation, depthwise conv), seeded so that two builds
 * hold identical weights. Layers of the encoder are named `encoder.*`, as @microseg/segmentation names them.
 */
export function buildTinyUNet(options: { classes: number; seed?: number; channels?: number }): tfl.LayersModel {
  const seed = options.seed ?? 1;
  const width = options.channels ?? 8;
  let next = seed;
  const init = () => tfl.initializers.glorotUniform({ seed: next++ });
  const input = tfl.input({ shape: [null, null, 3] });
  const conv = (name: string, filters: number, kernelSize: number, strides = 1) =>
    tfl.layers.conv2d({ name, filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: init() });
  const bn = (name: string) => tfl.layers.batchNormalization({ name, momentum: 0.9 });
  const relu = (name: string) => tfl.layers.activation({ name, activation: 'relu' });

  const stem = relu('encoder.relu1').apply(bn('encoder.bn1').apply(conv('encoder.conv1', width, 3, 2).apply(input))) as tfl.SymbolicTensor;
  const pooled = tfl.layers.maxPooling2d({ name: 'encoder.pool', poolSize: 2, padding: 'same' }).apply(stem) as tfl.SymbolicTensor;
  const depthwise = tfl.layers
    .depthwiseConv2d({ name: 'encoder.dw', kernelSize: 3, padding: 'same', depthwiseInitializer: init() })
    .apply(pooled) as tfl.SymbolicTensor;
  const deep = relu('encoder.relu2').apply(bn('encoder.bn2').apply(conv('encoder.conv2', width * 2, 1).apply(depthwise))) as tfl.SymbolicTensor;

  const up1 = tfl.layers.upSampling2d({ name: 'decoder_up1', size: [2, 2] }).apply(deep) as tfl.SymbolicTensor;
  const merged = tfl.layers.concatenate({ name: 'decoder_cat' }).apply([up1, stem]) as tfl.SymbolicTensor;
  const decoded = relu('decoder_relu').apply(bn('decoder_bn').apply(conv('decoder_conv', width, 3).apply(merged))) as tfl.SymbolicTensor;
  const up2 = tfl.layers.upSampling2d({ name: 'decoder_up2', size: [2, 2] }).apply(decoded) as tfl.SymbolicTensor;
  const logits = tfl.layers
    .conv2d({ name: 'head', filters: options.classes, kernelSize: 3, padding: 'same', kernelInitializer: init() })
    .apply(up2) as tfl.SymbolicTensor;
  const probabilities = tfl.layers
    .activation({ name: 'head_activation', activation: options.classes === 1 ? 'sigmoid' : 'softmax' })
    .apply(logits) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: probabilities });
}
