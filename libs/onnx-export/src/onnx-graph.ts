import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX IR 8 with opset 17: what onnx-proto's schema (ONNX 1.10) can write and every ORT since 1.12 runs. */
export const IR_VERSION = 8;
export const OPSET = 17;

export type AttributeValue = number | string | number[] | { floats: number[] };

export interface Initializer {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

/** A graph input or output: a float32 tensor whose dimensions are numbers or named (dynamic) sizes. */
export interface GraphValue {
  name: string;
  dims: (number | string)[];
}

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer (float attributes go as { floats })`);
    return { name, type: AttributeType.INT, i: value };
  }
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (value.floats.length !== 1) throw new Error(`attribute ${name}: one float expected`);
  return { name, type: AttributeType.FLOAT, f: value.floats[0]! };
}

function valueInfo(value: GraphValue): onnxProto.onnx.IValueInfoProto {
  return {
    name: value.name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: value.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function tensor(init: Initializer): onnxProto.onnx.ITensorProto {
  const float = init.data instanceof Float32Array;
  // raw_data is little-endian by the ONNX spec, as typed arrays are on every platform Node runs on.
  return {
    name: init.name,
    dims: init.dims,
    dataType: float ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.INT64,
    rawData: new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength),
  };
}

/** Collects nodes and weights in topological order and encodes them as one ModelProto. */
export class OnnxGraph {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: Initializer[] = [];
  private readonly names = new Set<string>();
  private counter = 0;

  /** A name not used yet, derived from `hint` (layer names are unique; the nodes added for one layer are not). */
  unique(hint: string): string {
    let name = hint;
    while (this.names.has(name)) name = `${hint}_${++this.counter}`;
    this.names.add(name);
    return name;
  }

  constant(hint: string, dims: number[], data: Float32Array | BigInt64Array): string {
    const name = this.unique(hint);
    this.initializers.push({ name, dims, data });
    return name;
  }

  ints(hint: string, values: number[]): string {
    return this.constant(hint, [values.length], BigInt64Array.from(values.map((v) => BigInt(v))));
  }

  floats(hint: string, values: number[]): string {
    return this.constant(hint, [values.length], Float32Array.from(values));
  }

  scalar(hint: string, value: number): string {
    return this.constant(hint, [], Float32Array.of(value));
  }

  /** Adds a node with one output named after `hint`; '' in `inputs` leaves an optional input out. */
  node(op: string, inputs: string[], hint: string, attributes: Record<string, AttributeValue> = {}): string {
    return this.nodeOutputs(op, inputs, [hint], attributes)[0]!;
  }

  /** Adds a node with several outputs (MaxPool with its indices, Split), one name per hint. */
  nodeOutputs(op: string, inputs: string[], hints: string[], attributes: Record<string, AttributeValue> = {}): string[] {
    const outputs = hints.map((hint) => this.unique(hint));
    this.nodes.push({
      opType: op,
      name: outputs[0]!,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return outputs;
  }

  /** Copies `input` to `name`, a graph output name taken with unique() before any layer could claim it. */
  identity(input: string, name: string): string {
    this.nodes.push({ opType: 'Identity', name, input: [input], output: [name] });
    return name;
  }

  encode(options: { name: string; inputs: GraphValue[]; outputs: GraphValue[]; producerVersion: string; metadata?: Record<string, string> }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: '', version: OPSET }],
      producerName: 'microseg',
      producerVersion: options.producerVersion,
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: options.name,
        node: this.nodes,
        initializer: this.initializers.map(tensor),
        input: options.inputs.map(valueInfo),
        output: options.outputs.map(valueInfo),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
