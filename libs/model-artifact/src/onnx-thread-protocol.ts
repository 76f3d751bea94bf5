import type { SerializedError } from '@microseg/errors';
import type { OnnxRunnerOptions } from './onnx-runner.ts';

export interface OnnxThreadInit {
  bytes: Uint8Array;
  options: OnnxRunnerOptions;
}

export type OnnxThreadRequest = { type: 'run'; id: number; shape: number[]; data: Float32Array } | { type: 'release' };

export type OnnxThreadReply =
  | { type: 'ready'; threads: number; provider: 'cpu' | 'cuda'; cpuReason?: string }
  | { type: 'output'; id: number; shape: number[]; data: Float32Array }
  | { type: 'failed'; id: number | null; error: SerializedError }
  | { type: 'released' };
