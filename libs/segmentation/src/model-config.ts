export interface ModelConfig {
  /** An Architecture, or any name normaliseArchitecture accepts (SMP class names such as `Unet`). */
  architecture: string;
  encoder: string;
  /** 1 = binary (one sigmoid channel); n > 1 = n softmax channels including the background. */
  classes: number;
  inputChannels?: number;
  /** SMP's encoder_depth (3..5); default 5, PSPNet 3. */
  encoderDepth?: number;
  /** UNet / UNet++: SMP's decoder_channels, one per decoder block. */
  decoderChannels?: readonly number[];
  /** FPN */
  pyramidChannels?: number;
  segmentationChannels?: number;
  mergePolicy?: 'add' | 'cat';
  /** PSPNet */
  pspOutChannels?: number;
  pspUseBatchNorm?: boolean;
  /** PAN: decoder_channels (a single number in SMP). */
  panChannels?: number;
  /** DeepLabV3+ */
  deeplabChannels?: number;
  atrousRates?: readonly [number, number, number];
  outputStride?: 8 | 16;
  /** Linknet */
  prefinalChannels?: number;
}
