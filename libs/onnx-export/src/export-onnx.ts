import type * as tfl from '@tensorflow/tfjs-layers';
import { invalidInput } from '@microseg/errors';
import { CONVOLUTIONS, type Pads, batchNormAffine, emitConv, foldBatchNorm, onnxConv } from './convolution.ts';
import { LAYER_EMITTERS, emitActivation, zeroPaddingPads } from './layer-ops.ts';
import { OnnxGraph } from './onnx-graph.ts';

export interface ExportOnnxOptions {
  /** Name of the graph input, NCHW float32 [batch, channels, height, width]; default `image`. */
  inputName?: string;
  /** Name of the graph output, NCHW; default `output`. */
  outputName?: string;
  /** Written into the model's metadata_props (e.g. the MicroSeg model config). */
  metadata?: Record<string, string>;
  producerVersion?: string;
}

type SymbolicTensor = tfl.SymbolicTensor;

/** Convolutions whose ONNX op takes a zero padding in its pads (ConvTranspose pads differently). */
const PAD_FOLDING = new Set(['Conv2D', 'DepthwiseConv2D', 'MicrosegGroupedConv2D']);

function inboundTensors(layer: tfl.layers.Layer): SymbolicTensor[] {
  if (layer.inboundNodes.length !== 1) {
    throw invalidInput(`layer ${layer.name} is applied ${layer.inboundNodes.length} times; only graphs that apply each layer once are exported`, {
      layer: layer.name,
    });
  }
  return layer.inboundNodes[0]!.inputTensors;
}

/**
 * Exports a tfjs-layers functional model (the networks @microseg/segmentation builds, NHWC) as an
 * ONNX model in NCHW with dynamic batch, height and width. Batch norms that follow a convolution
 * are folded into its weights and zero paddings into its pads, so ONNX Runtime runs one Conv where
 * tfjs runs three layers. A layer class with no ONNX form is refused (INVALID_INPUT), never skipped.
 */
export function exportOnnx(model: tfl.LayersModel, options: ExportOnnxOptions = {}): Uint8Array {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw invalidInput('only models with one input and one output are exported', { inputs: model.inputs.length, outputs: model.outputs.length });
  }
  const graph = new OnnxGraph();
  const inputName = graph.unique(options.inputName ?? 'image');
  // Taken first: a layer may carry the same name (the segmentation networks' softmax is 'probabilities').
  const outputName = graph.unique(options.outputName ?? 'output');
  const input = model.inputs[0]!;
  const output = model.outputs[0]!;

  const layers = model.layers;
  const producers = new Map<number, tfl.layers.Layer>();
  const readers = new Map<number, string[]>([[output.id, ['output']]]);
  for (const layer of layers) {
    for (const t of layer.inboundNodes[0]?.outputTensors ?? []) producers.set(t.id, layer);
    if (layer.getClassName() === 'InputLayer') continue;
    for (const t of inboundTensors(layer)) readers.set(t.id, [...(readers.get(t.id) ?? []), layer.getClassName()]);
  }
  /** The class of the one layer reading `t`, or undefined when several read it (or it is the output). */
  const onlyReader = (t: SymbolicTensor): string | undefined => {
    const classes = readers.get(t.id) ?? [];
    return classes.length === 1 && t.id !== output.id ? classes[0] : undefined;
  };
  const producerClass = (t: SymbolicTensor) => producers.get(t.id)?.getClassName();

  const names = new Map<number, string>([[input.id, inputName]]);
  const nameOf = (t: SymbolicTensor): string => {
    const name = names.get(t.id);
    if (name === undefined) throw new Error(`tensor ${t.name} is used before it is computed`);
    return name;
  };
  /** A convolution whose input is a zero padding used by nothing else takes that padding into its pads. */
  const convInput = (t: SymbolicTensor): { name: string; pads: Pads } => {
    const padLayer = producers.get(t.id);
    if (padLayer?.getClassName() === 'ZeroPadding2D' && PAD_FOLDING.has(onlyReader(t) ?? '')) {
      return { name: nameOf(inboundTensors(padLayer)[0]!), pads: zeroPaddingPads(padLayer) };
    }
    return { name: nameOf(t), pads: [0, 0, 0, 0] };
  };

  for (const layer of layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    const inputs = inboundTensors(layer);
    const outputs = layer.inboundNodes[0]!.outputTensors;
    if (outputs.length !== 1) throw invalidInput(`layer ${layer.name} has ${outputs.length} outputs`, { layer: layer.name });
    const out = outputs[0]!;
    const only = inputs.length === 1 ? inputs[0]! : undefined;
    let result: string | undefined;

    // Folded into the convolution that reads it (see convInput).
    if (className === 'ZeroPadding2D' && PAD_FOLDING.has(onlyReader(out) ?? '')) continue;
    if (CONVOLUTIONS.has(className)) {
      const conv = onnxConv(layer);
      // Emitted with the batch norm that reads it, which folds into its weights.
      if (conv.activation === 'linear' && onlyReader(out) === 'BatchNormalization') continue;
      const source = conv.op === 'Conv' ? convInput(only!) : { name: nameOf(only!), pads: [0, 0, 0, 0] as Pads };
      result = emitActivation(graph, conv.activation, emitConv(graph, layer.name, source.name, conv, source.pads), `${layer.name}.activation`);
    } else if (className === 'BatchNormalization' && only && CONVOLUTIONS.has(producerClass(only) ?? '') && !names.has(only.id)) {
      const convLayer = producers.get(only.id)!;
      const conv = foldBatchNorm(onnxConv(convLayer), batchNormAffine(layer));
      const convIn = inboundTensors(convLayer)[0]!;
      const source = conv.op === 'Conv' ? convInput(convIn) : { name: nameOf(convIn), pads: [0, 0, 0, 0] as Pads };
      result = emitConv(graph, layer.name, source.name, conv, source.pads);
    } else {
      const emit = LAYER_EMITTERS[className];
      if (!emit) throw invalidInput(`layer ${layer.name} (${className}) has no ONNX export`, { layer: layer.name, className });
      result = emit({ graph, layer, inputs: inputs.map(nameOf) });
    }
    names.set(out.id, result);
  }

  const last = graph.identity(nameOf(output), outputName);
  const [, , , channels] = input.shape;
  const [, , , classes] = output.shape;
  return graph.encode({
    name: model.name,
    inputs: [{ name: inputName, dims: ['batch', channels ?? 'channels', 'height', 'width'] }],
    outputs: [{ name: last, dims: ['batch', classes ?? 'classes', 'height', 'width'] }],
    producerVersion: options.producerVersion ?? '0.1.0',
    ...(options.metadata ? { metadata: options.metadata } : {}),
  });
}
