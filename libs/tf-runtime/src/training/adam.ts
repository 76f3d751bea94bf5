import * as tf from '@tensorflow/tfjs-core';
import { MicroSegError } from '@microseg/errors';
import { type AdamUpdate, adamUpdatesOnWasm } from './adam-wasm-update.ts';

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** torch.optim.Adam's defaults, with the paper's learning rate. */
export const PAPER_ADAM: Readonly<AdamConfig> = { learningRate: 2e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** A tensor with its name, the shape tf.io.encodeWeights takes. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Optimizer state for checkpoints: JSON-able config plus named tensors (`<variable>/m`, `<variable>/v`), as tf.io.encodeWeights takes them. */
export interface OptimizerState {
  config: AdamConfig & { step: number };
  weights: NamedTensor[];
}

interface Moments {
  m: tf.Variable;
  v: tf.Variable;
}

/**
 * Adam with moments keyed by variable name (tfjs's AdamOptimizer keys them by position, which breaks when
 * freezing changes the set of trained variables) and a state that round-trips through checkpoints.
 */
export class Adam {
  private config: AdamConfig;
  private step = 0;
  private readonly moments = new Map<string, Moments>();

  constructor(config: Partial<AdamConfig> = {}) {
    this.config = { ...PAPER_ADAM, ...config };
  }

  get learningRate(): number {
    return this.config.learningRate;
  }

  set learningRate(value: number) {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new MicroSegError('INVALID_INPUT', `learning rate must be a positive number, got ${value}`, { details: { value } });
    }
    this.config = { ...this.config, learningRate: value };
  }

  get iterations(): number {
    return this.step;
  }

  applyGradients(variables: Map<string, tf.Variable>, gradients: tf.NamedTensorMap): void {
    this.step += 1;
    const { learningRate, beta1, beta2, epsilon } = this.config;
    // Bias corrections folded into the step size, as torch.optim.Adam does.
    const stepSize = (learningRate * Math.sqrt(1 - beta2 ** this.step)) / (1 - beta1 ** this.step);
    const epsilonHat = epsilon * Math.sqrt(1 - beta2 ** this.step);
    const fused = tf.getBackend() === 'wasm';
    tf.tidy(() => {
      const pending: { moments: Moments; variable: tf.Variable; update: AdamUpdate }[] = [];
      for (const [name, gradient] of Object.entries(gradients)) {
        const variable = variables.get(name);
        if (!variable) continue;
        const moments = this.momentsFor(name, variable);
        if (fused) {
          pending.push({ moments, variable, update: { gradient, m: moments.m, v: moments.v, variable } });
          continue;
        }
        const m = tf.add(tf.mul(moments.m, beta1), tf.mul(gradient, 1 - beta1));
        const v = tf.add(tf.mul(moments.v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
        moments.m.assign(m);
        moments.v.assign(v);
        variable.assign(tf.sub(variable, tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsilonHat)), stepSize)));
      }
      if (pending.length === 0) return;
      const updated = adamUpdatesOnWasm(pending.map((p) => p.update), { beta1, beta2, stepSize, epsilonHat });
      pending.forEach(({ moments, variable }, i) => {
        moments.m.assign(updated[i]!.m);
        moments.v.assign(updated[i]!.v);
        variable.assign(updated[i]!.variable);
      });
    });
  }

  exportState(): OptimizerState {
    const weights: NamedTensor[] = [];
    for (const [name, { m, v }] of this.moments) {
      weights.push({ name: `${name}/m`, tensor: m }, { name: `${name}/v`, tensor: v });
    }
    return { config: { ...this.config, step: this.step }, weights };
  }

  importState(state: OptimizerState): void {
    const byName = new Map(state.weights.map((w) => [w.name, w.tensor]));
    this.disposeMoments();
    for (const { name } of state.weights) {
      if (!name.endsWith('/m')) continue;
      const base = name.slice(0, -2);
      const m = byName.get(name);
      const v = byName.get(`${base}/v`);
      if (!m || !v) {
        throw new MicroSegError('INVALID_INPUT', `optimizer state for ${base} lacks its second moment`, { details: { variable: base } });
      }
      this.moments.set(base, { m: tf.variable(m.clone(), false), v: tf.variable(v.clone(), false) });
    }
    const { step, ...config } = state.config;
    this.config = config;
    this.step = step;
  }

  dispose(): void {
    this.disposeMoments();
  }

  private momentsFor(name: string, variable: tf.Variable): Moments {
    let moments = this.moments.get(name);
    if (!moments) {
      moments = { m: tf.variable(tf.zerosLike(variable), false), v: tf.variable(tf.zerosLike(variable), false) };
      this.moments.set(name, moments);
    }
    return moments;
  }

  private disposeMoments(): void {
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }
}
