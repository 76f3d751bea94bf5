import { activation, conv2d, upsampleBilinear, type Tensor } from '../graph/ops.ts';

/** SMP's SegmentationHead: conv (k, padding k//2), UpsamplingBilinear2d (align_corners), activation. */
export function segmentationHead(x: Tensor, classes: number, kernel: number, upsampling: number): { logits: Tensor; probabilities: Tensor } {
  const conv = conv2d(x, 'segmentation_head.0', { filters: classes, kernel, padding: Math.floor(kernel / 2) });
  const logits = upsampleBilinear(conv, upsampling, true);
  // The paper's code: one sigmoid channel for binary tasks, softmax over channels otherwise.
  const probabilities = activation(logits, classes === 1 ? 'sigmoid' : 'softmax', 'probabilities');
  return { logits, probabilities };
}
