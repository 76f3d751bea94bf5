import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import '../index.ts';
import { onnxParity } from './onnx-parity.ts';
import { readManifest, syntheticParity, type ParityCase } from './parity-case.ts';

export const SYNTHETIC_FIXTURES = fileURLToPath(new URL('./__fixtures__/synthetic', import.meta.url));

/** The paper's bar: outputs agree with PyTorch to 1e-4 max abs on a fixed input. */
export const PARITY_TOLERANCE = 1e-4;

/** Parity tests for the committed oracle cases that `select` picks, on the wasm backend. */
export function describeParity(title: string, select: (c: ParityCase) => boolean): void {
  const cases = readManifest(SYNTHETIC_FIXTURES).filter(select);
  describe(title, () => {
    beforeAll(async () => {
      await tf.setBackend('wasm');
      await tf.ready();
    });
    it('has oracle fixtures', () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch logits within 1e-4', async (_id, c) => {
      expect(await syntheticParity(c, SYNTHETIC_FIXTURES)).toBeLessThanOrEqual(PARITY_TOLERANCE);
    });
  });
}

/**
 * The same cases exported to ONNX (@microseg/onnx-export) and run on ONNX Runtime: the graph must
 * give PyTorch's logits and tfjs' logits within 1e-4.
 */
export function describeOnnxParity(title: string, select: (c: ParityCase) => boolean): void {
  const cases = readManifest(SYNTHETIC_FIXTURES).filter(select);
  describe(title, () => {
    beforeAll(async () => {
      await tf.setBackend('wasm');
      await tf.ready();
    });
    it('has oracle fixtures', () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases.map((c) => [c.id, c] as const))('%s on ONNX Runtime matches PyTorch and tfjs logits within 1e-4', async (_id, c) => {
      const { vsTorch, vsTfjs } = await onnxParity(c, SYNTHETIC_FIXTURES);
      expect(vsTorch).toBeLessThanOrEqual(PARITY_TOLERANCE);
      expect(vsTfjs).toBeLessThanOrEqual(PARITY_TOLERANCE);
      // Each case runs tfjs and ONNX Runtime: ResNet-152 took 40 s on the shared 2-core machine.
    }, 180_000);
  });
}
