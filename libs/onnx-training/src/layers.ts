import type { Pads } from '@microseg/onnx-export';
import type { Shape4, TrainingGraphBuilder } from './graph-builder.ts';

/**
 * Forward ops of the layers a training graph supports, each returning its output and its backward step: given
 * the loss gradient of the output (dy), the gradient of the input (undefined where no input needs one), after
 * emitting the gradients of the layer's own weights. The gradients are those tfjs computes for the same layers
 * (its kernels' gradient definitions), so both engines follow one loss curve.
 */
export interface Emitted {
  output: string;
  shape: Shape4;
  /** Gradients of the inputs, in input order; undefined where not needed. */
  backward: (dy: string) => (string | undefined)[];
}

export interface ConvSettings {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
  pads: Pads;
}

/** What a layer with weights sends its gradients to: whether its input needs one, and sinks for its weights'. */
export interface GradientNeeds {
  input: boolean;
  kernel?: (gradient: string) => void;
  bias?: (gradient: string) => void;
}

/** The size a transposed convolution makes of `size` (so the size a convolution's input gradient must restore). */
const transposedOutputSize = (size: number, kernel: number, stride: number, dilation: number, padBegin: number, padEnd: number) =>
  stride * (size - 1) + (kernel - 1) * dilation + 1 - padBegin - padEnd;

const convOutputSize = (size: number, kernel: number, stride: number, dilation: number, padBegin: number, padEnd: number) =>
  Math.floor((size + padBegin + padEnd - ((kernel - 1) * dilation + 1)) / stride) + 1;

/** Whether the stride-1 input gradient can be the convolution with the flipped kernel (its pads stay >= 0). */
export function takesFlippedKernel({ kernel: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads: [top, left, bottom, right] }: ConvSettings): boolean {
  return sh === 1 && sw === 1 && Math.max(top, bottom) <= (kh - 1) * dh && Math.max(left, right) <= (kw - 1) * dw;
}

/**
 * Conv2D (group 1). The kernel comes in as ONNX's [out, in, kh, kw] (and, for the stride-1 input gradient, as
 * [in, out, kh, kw] flipped; see weight-layouts.ts); its gradient goes out in tfjs's [kh, kw, in, out], so the
 * optimizer keeps the tfjs layout and state.
 */
export function conv2d(
  g: TrainingGraphBuilder,
  name: string,
  x: string,
  xShape: Shape4,
  kernel: { oihw: string; flippedIo?: string },
  outChannels: number,
  bias: string | undefined,
  settings: ConvSettings,
  need: GradientNeeds,
): Emitted {
  const [n, , h, w] = xShape;
  const { kernel: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads } = settings;
  const [top, left, bottom, right] = pads;
  const weight = kernel.oihw;
  const outputs = convOutputSize(h, kh, sh, dh, top, bottom);
  const outputsW = convOutputSize(w, kw, sw, dw, left, right);
  const attributes = { kernel_shape: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads: [...pads], group: 1 };
  const inputs = bias ? [x, weight, bias] : [x, weight];
  const output = g.node('Conv', inputs, name, attributes);
  return {
    output,
    shape: [n, outChannels, outputs, outputsW],
    backward: (dy) => {
      if (need.bias) need.bias(g.reduceSum(dy, [0, 2, 3], `${name}.grad_bias`));
      if (need.kernel) need.kernel(convFilterGradient(g, name, x, xShape, dy, [outputs, outputsW], settings));
      if (!need.input) return [undefined];
      if (kernel.flippedIo) {
        // Stride 1: dx is dy convolved with the flipped kernel, in and out swapped, which ORT runs on its blocked
        // convolution kernels (its ConvTranspose is a plain product plus a single-threaded col2im).
        const dx = g.node('Conv', [dy, kernel.flippedIo], `${name}.grad_input`, {
          kernel_shape: [kh, kw],
          strides: [1, 1],
          dilations: [dh, dw],
          pads: [(kh - 1) * dh - top, (kw - 1) * dw - left, (kh - 1) * dh - bottom, (kw - 1) * dw - right],
          group: 1,
        });
        return [dx];
      }
      // dx is the transposed convolution of dy with the same filter; output_padding restores rows and columns
      // the stride skipped at the end.
      const outputPadding = [h - transposedOutputSize(outputs, kh, sh, dh, top, bottom), w - transposedOutputSize(outputsW, kw, sw, dw, left, right)];
      const dx = g.node('ConvTranspose', [dy, weight], `${name}.grad_input`, {
        kernel_shape: [kh, kw],
        strides: [sh, sw],
        dilations: [dh, dw],
        pads: [...pads],
        output_padding: outputPadding,
        group: 1,
      });
      return [dx];
    },
  };
}

/**
 * Conv2DTranspose (group 1), its kernel fed as [in, out, kh, kw] (tfjs's [kh, kw, out, in] through the same
 * rearrangement as a convolution's). It is the input gradient of the convolution from its output back to its
 * input, so its own gradients are that convolution's: dx = Conv(dy, W) with the same strides and pads, and dW the
 * convolution's filter gradient with dy as the input and x as the output gradient, which comes out in tfjs's
 * Conv2DTranspose layout.
 */
export function convTranspose2d(
  g: TrainingGraphBuilder,
  name: string,
  x: string,
  xShape: Shape4,
  kernelIo: string,
  outChannels: number,
  bias: string | undefined,
  settings: ConvSettings,
  need: GradientNeeds,
): Emitted {
  const [n, , h, w] = xShape;
  const { kernel: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads } = settings;
  const [top, left, bottom, right] = pads;
  const outputShape: Shape4 = [n, outChannels, transposedOutputSize(h, kh, sh, dh, top, bottom), transposedOutputSize(w, kw, sw, dw, left, right)];
  const attributes = { kernel_shape: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads: [...pads], group: 1 };
  const output = g.node('ConvTranspose', bias ? [x, kernelIo, bias] : [x, kernelIo], name, attributes);
  return {
    output,
    shape: outputShape,
    backward: (dy) => {
      if (need.bias) need.bias(g.reduceSum(dy, [0, 2, 3], `${name}.grad_bias`));
      if (need.kernel) need.kernel(convFilterGradient(g, name, dy, outputShape, x, [h, w], settings));
      return [need.input ? g.node('Conv', [dy, kernelIo], `${name}.grad_input`, attributes) : undefined];
    },
  };
}

/** The most floats one im2col block of the filter gradient may hold; bigger batches are split into groups of images. */
const MAX_COLUMN_FLOATS = 1 << 24;

/**
 * dW = im2col(x) · dyᵀ, already in tfjs's layout: per tap (kh, kw), the strided window of the padded input
 * [in, pixels] times dyᵀ [pixels, out] is that tap's [in, out] block, and the blocks stacked tap-major are the
 * [kh, kw, in, out] kernel. Well-shaped matrix products (the pixels are the long inner dimension) instead of a
 * convolution with dy as a huge filter. Images are taken in groups that keep a tap's window under MAX_COLUMN_FLOATS.
 */
function convFilterGradient(
  g: TrainingGraphBuilder,
  name: string,
  x: string,
  [n, ci]: Shape4,
  dy: string,
  [oh, ow]: [number, number],
  { kernel: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads: [top, left, bottom, right] }: ConvSettings,
): string {
  const hint = `${name}.grad_kernel`;
  const co = -1;
  const pixels = oh * ow;
  const padded = top || left || bottom || right ? g.node('Pad', [x, g.ints(`${hint}.pads`, [0, 0, top, left, 0, 0, bottom, right])], `${hint}.padded`, { mode: 'constant' }) : x;
  const perGroup = Math.max(1, Math.min(n, Math.floor(MAX_COLUMN_FLOATS / (ci * pixels))));
  const products: string[] = [];
  for (let first = 0; first < n; first += perGroup) {
    const count = Math.min(perGroup, n - first);
    const dyGroup = count === n ? dy : g.slice(dy, [first], [first + count], [0], `${hint}.dy_group`);
    const dyRows = count === 1 ? g.reshape(dyGroup, [co, pixels], `${hint}.dy_rows`) : g.transpose(g.reshape(dyGroup, [count, co, pixels], `${hint}.dy_rows`), [0, 2, 1], `${hint}.dy_t`);
    const taps: string[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const window = g.node(
          'Slice',
          [
            padded,
            g.ints(`${hint}.starts`, [first, i * dh, j * dw]),
            g.ints(`${hint}.ends`, [first + count, i * dh + (oh - 1) * sh + 1, j * dw + (ow - 1) * sw + 1]),
            g.ints(`${hint}.axes`, [0, 2, 3]),
            g.ints(`${hint}.steps`, [1, sh, sw]),
          ],
          `${hint}.tap`,
        );
        // One [in, out] block of the kernel per tap: a product over the pixels, the long inner dimension.
        taps.push(
          count === 1
            ? g.node('Gemm', [g.reshape(window, [ci, pixels], `${hint}.tap_rows`), dyRows], `${hint}.tap_product`, { transB: 1 })
            : g.reduceSum(g.node('MatMul', [g.reshape(window, [count, ci, pixels], `${hint}.tap_rows`), dyRows], `${hint}.tap_products`), [0], `${hint}.tap_product`),
        );
      }
    }
    products.push(taps.length === 1 ? taps[0]! : g.node('Concat', taps, `${hint}.taps`, { axis: 0 }));
  }
  return g.reshape(g.sum(products, `${hint}.sum`), [kh, kw, ci, co], hint);
}

/** BatchNormalization in training mode: batch statistics, which are also returned for the moving averages. */
export function batchNorm(
  g: TrainingGraphBuilder,
  name: string,
  x: string,
  shape: Shape4,
  gamma: string,
  beta: string,
  epsilon: number,
  need: { input: boolean; gamma?: (gradient: string) => void; beta?: (gradient: string) => void },
): Emitted & { mean: string; variance: string } {
  const [n, c, h, w] = shape;
  const axes = [0, 2, 3];
  const mean = g.reduceMean(x, axes, `${name}.mean`, 1);
  const centred = g.sub(x, mean, `${name}.centred`);
  const variance = g.reduceMean(g.mul(centred, centred, `${name}.squares`), axes, `${name}.variance`, 1);
  const inverse = g.node('Reciprocal', [g.node('Sqrt', [g.add(variance, g.constantScalar(epsilon), `${name}.var_eps`)], `${name}.std`)], `${name}.inv_std`);
  const normalised = g.mul(centred, inverse, `${name}.normalised`);
  const gamma4 = g.reshape(gamma, [1, c, 1, 1], `${name}.gamma4`);
  const beta4 = g.reshape(beta, [1, c, 1, 1], `${name}.beta4`);
  const output = g.add(g.mul(normalised, gamma4, `${name}.scaled`), beta4, name);
  const count = n * h * w;
  return {
    output,
    shape,
    mean: g.reshape(mean, [c], `${name}.batch_mean`),
    variance: g.reshape(variance, [c], `${name}.batch_variance`),
    backward: (dy) => {
      const sumDy = g.reduceSum(dy, axes, `${name}.sum_dy`, 1);
      const sumDyX = g.reduceSum(g.mul(dy, normalised, `${name}.dy_x`), axes, `${name}.sum_dy_x`, 1);
      if (need.beta) need.beta(g.reshape(sumDy, [c], `${name}.grad_beta`));
      if (need.gamma) need.gamma(g.reshape(sumDyX, [c], `${name}.grad_gamma`));
      if (!need.input) return [undefined];
      // dx = γ/σ · (dy - mean(dy) - x̂ · mean(dy · x̂)), the batch statistics' own gradients included.
      const perCount = g.constantScalar(1 / count);
      const meanDy = g.mul(sumDy, perCount, `${name}.mean_dy`);
      const meanDyX = g.mul(sumDyX, perCount, `${name}.mean_dy_x`);
      const inner = g.sub(g.sub(dy, meanDy, `${name}.dy_centred`), g.mul(normalised, meanDyX, `${name}.x_term`), `${name}.inner`);
      return [g.mul(inner, g.mul(gamma4, inverse, `${name}.gain`), `${name}.grad_input`)];
    },
  };
}

export type ActivationKind = 'linear' | 'relu' | 'relu6' | 'sigmoid' | 'swish' | 'softmax';
export const ACTIVATIONS: ReadonlySet<string> = new Set<ActivationKind>(['linear', 'relu', 'relu6', 'sigmoid', 'swish', 'softmax']);

export function activation(g: TrainingGraphBuilder, kind: ActivationKind, x: string, shape: Shape4, name: string): Emitted {
  switch (kind) {
    case 'linear':
      return { output: x, shape, backward: (dy) => [dy] };
    case 'relu': {
      const y = g.node('Relu', [x], name);
      return {
        output: y,
        shape,
        backward: (dy) => [g.mul(dy, g.mask(g.node('Greater', [y, g.constantScalar(0)], `${name}.positive`), `${name}.step`), `${name}.grad`)],
      };
    }
    case 'relu6': {
      // tfjs's Relu6 gradient passes where 0 < x <= 6.
      const y = g.node('Clip', [x, g.constantScalar(0), g.constantScalar(6)], name);
      return {
        output: y,
        shape,
        backward: (dy) => {
          const inside = g.node('And', [g.node('Greater', [x, g.constantScalar(0)], `${name}.positive`), g.node('LessOrEqual', [x, g.constantScalar(6)], `${name}.below`)], `${name}.inside`);
          return [g.mul(dy, g.mask(inside, `${name}.step`), `${name}.grad`)];
        },
      };
    }
    case 'swish': {
      // y = x·σ(x); dy/dx = σ(x)·(1 + x·(1 - σ(x))).
      const sigmoid = g.node('Sigmoid', [x], `${name}.sigmoid`);
      const y = g.mul(x, sigmoid, name);
      return {
        output: y,
        shape,
        backward: (dy) => {
          const slope = g.mul(sigmoid, g.add(g.constantScalar(1), g.mul(x, g.sub(g.constantScalar(1), sigmoid, `${name}.one_minus`), `${name}.x_term`), `${name}.inner`), `${name}.slope`);
          return [g.mul(dy, slope, `${name}.grad`)];
        },
      };
    }
    case 'sigmoid': {
      const y = g.node('Sigmoid', [x], name);
      return {
        output: y,
        shape,
        backward: (dy) => [g.mul(dy, g.mul(y, g.sub(g.constantScalar(1), y, `${name}.one_minus`), `${name}.slope`), `${name}.grad`)],
      };
    }
    case 'softmax': {
      // Over the channels (tfjs's last axis, NCHW's axis 1): dx = y · (dy - Σc dy·y).
      const y = g.node('Softmax', [x], name, { axis: 1 });
      return {
        output: y,
        shape,
        backward: (dy) => {
          const dot = g.reduceSum(g.mul(dy, y, `${name}.dy_y`), [1], `${name}.dot`, 1);
          return [g.mul(y, g.sub(dy, dot, `${name}.centred`), `${name}.grad`)];
        },
      };
    }
  }
}

/**
 * MaxPool, 'same' as TF pads or with explicit pads that never win a window (PyTorch's -inf padding); its gradient
 * goes to the argmax of each window (summed where windows overlap), from ONNX's indices, which address the
 * unpadded input.
 */
export function maxPool(g: TrainingGraphBuilder, name: string, x: string, shape: Shape4, kernel: [number, number], strides: [number, number], padding: 'same' | Pads): Emitted {
  const [n, c, h, w] = shape;
  const same = padding === 'same';
  const attributes = { kernel_shape: kernel, strides, ...(same ? { auto_pad: 'SAME_UPPER' } : { pads: [...padding] }) };
  const [output, indices] = g.nodeOutputs('MaxPool', [x], [name, `${name}.indices`], attributes);
  const [top, left, bottom, right] = same ? [0, 0, 0, 0] : padding;
  const size = (s: number, k: number, stride: number, padBefore: number, padAfter: number) =>
    same ? Math.ceil(s / stride) : Math.floor((s + padBefore + padAfter - k) / stride) + 1;
  const total = n * c * h * w;
  return {
    output: output!,
    shape: [n, c, size(h, kernel[0], strides[0], top, bottom), size(w, kernel[1], strides[1], left, right)],
    backward: (dy) => {
      const zeros = g.node('ConstantOfShape', [g.ints(`${name}.flat_size`, [1, total])], `${name}.zeros`);
      const scattered = g.node(
        'ScatterElements',
        [zeros, g.reshape(indices!, [1, -1], `${name}.flat_indices`), g.reshape(dy, [1, -1], `${name}.flat_dy`)],
        `${name}.scattered`,
        { axis: 1, reduction: 'add' },
      );
      return [g.reshape(scattered, [n, c, h, w], `${name}.grad`)];
    },
  };
}

/** ZeroPadding2D not folded into a convolution; its gradient is the unpadded window. */
export function zeroPad(g: TrainingGraphBuilder, name: string, x: string, [n, c, h, w]: Shape4, [top, left, bottom, right]: Pads): Emitted {
  const output = g.node('Pad', [x, g.ints(`${name}.pads`, [0, 0, top, left, 0, 0, bottom, right])], name, { mode: 'constant' });
  return {
    output,
    shape: [n, c, h + top + bottom, w + left + right],
    backward: (dy) => [g.slice(dy, [top, left], [top + h, left + w], [2, 3], `${name}.grad`)],
  };
}

/** Nearest-neighbour upsampling by whole factors (tfjs: floor(dst / factor)); the gradient sums each block. */
export function upsampleNearest(g: TrainingGraphBuilder, name: string, x: string, [n, c, h, w]: Shape4, [sh, sw]: [number, number]): Emitted {
  const output = g.node('Resize', [x, '', g.floats(`${name}.scales`, [1, 1, sh, sw])], name, {
    mode: 'nearest',
    coordinate_transformation_mode: 'asymmetric',
    nearest_mode: 'floor',
  });
  return {
    output,
    shape: [n, c, h * sh, w * sw],
    backward: (dy) => [g.reduceSum(g.reshape(dy, [n, c, h, sh, w, sw], `${name}.blocks`), [3, 5], `${name}.grad`)],
  };
}

export function add(g: TrainingGraphBuilder, name: string, inputs: string[], shape: Shape4): Emitted {
  const output = inputs.length === 2 ? g.add(inputs[0]!, inputs[1]!, name) : g.node('Sum', inputs, name);
  return { output, shape, backward: (dy) => inputs.map(() => dy) };
}

export function concatChannels(g: TrainingGraphBuilder, name: string, inputs: string[], shapes: Shape4[]): Emitted {
  const output = g.node('Concat', inputs, name, { axis: 1 });
  const channels = shapes.map((s) => s[1]);
  const [n, , h, w] = shapes[0]!;
  return {
    output,
    shape: [n, channels.reduce((a, b) => a + b, 0), h, w],
    backward: (dy) => g.nodeOutputs('Split', [dy, g.ints(`${name}.split`, channels)], channels.map((_, i) => `${name}.grad${i}`), { axis: 1 }),
  };
}

/** DepthwiseConv2D (multiplier 1): a convolution with one group per channel, its kernel fed as [channels, 1, kh, kw]. */
export function depthwiseConv2d(
  g: TrainingGraphBuilder,
  name: string,
  x: string,
  xShape: Shape4,
  kernel: string,
  bias: string | undefined,
  settings: ConvSettings,
  need: GradientNeeds,
): Emitted {
  const [n, c, h, w] = xShape;
  const { kernel: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads } = settings;
  const [top, left, bottom, right] = pads;
  const outputs = convOutputSize(h, kh, sh, dh, top, bottom);
  const outputsW = convOutputSize(w, kw, sw, dw, left, right);
  const attributes = { kernel_shape: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads: [...pads], group: c };
  const output = g.node('Conv', bias ? [x, kernel, bias] : [x, kernel], name, attributes);
  return {
    output,
    shape: [n, c, outputs, outputsW],
    backward: (dy) => {
      if (need.bias) need.bias(g.reduceSum(dy, [0, 2, 3], `${name}.grad_bias`));
      if (need.kernel) {
        // Per tap, each channel's window times dy, summed over images and pixels: [taps, channels] = tfjs's [kh, kw, c, 1].
        const hint = `${name}.grad_kernel`;
        const padded = top || left || bottom || right ? g.node('Pad', [x, g.ints(`${hint}.pads`, [0, 0, top, left, 0, 0, bottom, right])], `${hint}.padded`, { mode: 'constant' }) : x;
        const taps: string[] = [];
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const window = g.node(
              'Slice',
              [padded, g.ints(`${hint}.starts`, [i * dh, j * dw]), g.ints(`${hint}.ends`, [i * dh + (outputs - 1) * sh + 1, j * dw + (outputsW - 1) * sw + 1]), g.ints(`${hint}.axes`, [2, 3]), g.ints(`${hint}.steps`, [sh, sw])],
              `${hint}.tap`,
            );
            taps.push(g.reduceSum(g.mul(window, dy, `${hint}.tap_product`), [0, 2, 3], `${hint}.tap_sum`, 1));
          }
        }
        need.kernel(g.reshape(g.node('Concat', taps, `${hint}.taps`, { axis: 0 }), [kh, kw, c, 1], hint));
      }
      if (!need.input) return [undefined];
      const dx = g.node('ConvTranspose', [dy, kernel], `${name}.grad_input`, {
        ...attributes,
        output_padding: [h - transposedOutputSize(outputs, kh, sh, dh, top, bottom), w - transposedOutputSize(outputsW, kw, sw, dw, left, right)],
      });
      return [dx];
    },
  };
}

/** Element-wise product of two tensors, one possibly broadcast (a squeeze-excitation gate); each gradient is summed back to its input's shape. */
export function multiply(g: TrainingGraphBuilder, name: string, [a, b]: [string, string], [aShape, bShape]: [Shape4, Shape4]): Emitted {
  const shape = aShape.map((size, i) => Math.max(size, bShape[i]!)) as Shape4;
  const output = g.mul(a, b, name);
  const reduceTo = (gradient: string, target: Shape4, hint: string) => {
    const axes = target.flatMap((size, i) => (size === 1 && shape[i]! > 1 ? [i] : []));
    return axes.length ? g.reduceSum(gradient, axes, hint, 1) : gradient;
  };
  return {
    output,
    shape,
    backward: (dy) => [reduceTo(g.mul(dy, b, `${name}.grad_a_full`), aShape, `${name}.grad_a`), reduceTo(g.mul(dy, a, `${name}.grad_b_full`), bShape, `${name}.grad_b`)],
  };
}

/** Mean over each channel's pixels (adaptive pooling to 1x1); its gradient spreads dy evenly back. */
export function globalAveragePool(g: TrainingGraphBuilder, name: string, x: string, [n, c, h, w]: Shape4): Emitted {
  const output = g.node('GlobalAveragePool', [x], name);
  return {
    output,
    shape: [n, c, 1, 1],
    backward: (dy) => [g.node('Expand', [g.mul(dy, g.constantScalar(1 / (h * w)), `${name}.share`), g.ints(`${name}.shape`, [n, c, h, w])], `${name}.grad`)],
  };
}

/** Average pooling over non-overlapping k×k windows ('valid'): each input pixel of a window gets dy / k². */
export function averagePool(g: TrainingGraphBuilder, name: string, x: string, [n, c, h, w]: Shape4, [kh, kw]: [number, number]): Emitted {
  const output = g.node('AveragePool', [x], name, { kernel_shape: [kh, kw], strides: [kh, kw] });
  const [oh, ow] = [Math.floor(h / kh), Math.floor(w / kw)];
  return {
    output,
    shape: [n, c, oh, ow],
    backward: (dy) => {
      const spread = g.node('Resize', [g.mul(dy, g.constantScalar(1 / (kh * kw)), `${name}.share`), '', g.floats(`${name}.scales`, [1, 1, kh, kw])], `${name}.spread`, {
        mode: 'nearest',
        coordinate_transformation_mode: 'asymmetric',
        nearest_mode: 'floor',
      });
      // Rows and columns no window covers (the input not a multiple of the window) get nothing.
      const uncovered = [h - oh * kh, w - ow * kw];
      if (uncovered[0] === 0 && uncovered[1] === 0) return [spread];
      return [g.node('Pad', [spread, g.ints(`${name}.pads`, [0, 0, 0, 0, 0, 0, uncovered[0]!, uncovered[1]!])], `${name}.grad`, { mode: 'constant' })];
    },
  };
}
