import { OnnxGraph } from '@microseg/onnx-export';

/** NCHW, every size known: a training graph is built for one batch shape, so its gradients can be sized statically. */
export type Shape4 = [number, number, number, number];

/** A value in the training graph: its name and its (static) shape. */
export interface Value {
  name: string;
  shape: number[];
}

/**
 * OnnxGraph with the small vocabulary that forward and backward emitters share. Reductions follow opset 17:
 * ReduceSum takes its axes as an input, ReduceMean as an attribute.
 */
export class TrainingGraphBuilder extends OnnxGraph {
  private readonly scalars = new Map<number, string>();

  /** One initializer per distinct scalar value, shared by every node that uses it. */
  constantScalar(value: number): string {
    let name = this.scalars.get(value);
    if (name === undefined) {
      name = this.scalar(`scalar_${value}`, value);
      this.scalars.set(value, name);
    }
    return name;
  }

  reshape(input: string, shape: number[], hint: string): string {
    return this.node('Reshape', [input, this.ints(`${hint}.shape`, shape)], hint);
  }

  transpose(input: string, perm: number[], hint: string): string {
    return this.node('Transpose', [input], hint, { perm });
  }

  reduceSum(input: string, axes: number[], hint: string, keepdims: 0 | 1 = 0): string {
    return this.node('ReduceSum', [input, this.ints(`${hint}.axes`, axes)], hint, { keepdims });
  }

  reduceMean(input: string, axes: number[], hint: string, keepdims: 0 | 1 = 0): string {
    return this.node('ReduceMean', [input], hint, { axes, keepdims });
  }

  /** Sum over every element, as a scalar. */
  total(input: string, hint: string): string {
    return this.node('ReduceSum', [input], hint, { keepdims: 0 });
  }

  mul(a: string, b: string, hint: string): string {
    return this.node('Mul', [a, b], hint);
  }

  add(a: string, b: string, hint: string): string {
    return this.node('Add', [a, b], hint);
  }

  sub(a: string, b: string, hint: string): string {
    return this.node('Sub', [a, b], hint);
  }

  div(a: string, b: string, hint: string): string {
    return this.node('Div', [a, b], hint);
  }

  /** 1 where `condition` holds, else 0, as float. */
  mask(condition: string, hint: string): string {
    return this.node('Cast', [condition], hint, { to: 1 });
  }

  slice(input: string, starts: number[], ends: number[], axes: number[], hint: string): string {
    return this.node('Slice', [input, this.ints(`${hint}.starts`, starts), this.ints(`${hint}.ends`, ends), this.ints(`${hint}.axes`, axes)], hint);
  }

  /** Sums the contributions to one gradient (a tensor read by several layers). */
  sum(parts: string[], hint: string): string {
    return parts.length === 1 ? parts[0]! : this.node('Sum', parts, hint);
  }
}
