import type * as tfl from '@tensorflow/tfjs-layers';
import { invalidInput } from '@microseg/errors';
import { toFloat32, type StateDict } from '@microseg/torch-checkpoint';
import { describeModel, METADATA_KEY } from '../build-model.ts';
import type { ModelConfig } from '../model-config.ts';
import { bindingsOf, isIgnorableBuffer, type WeightBinding } from './layer-keys.ts';

export interface LoadStateDictOptions {
  /** Refuse missing or unexpected keys (shape mismatches are always refused). Default true. */
  strict?: boolean;
  /**
   * 'model': SMP's whole-model keys (`encoder.*`, `decoder.*`, `segmentation_head.*`).
   * 'encoder': a bare encoder's keys, as in the MicroNet release files; the decoder stays fresh.
   * Default: 'encoder' when no key carries an SMP prefix.
   */
  scope?: 'model' | 'encoder';
}

export interface LoadReport {
  scope: 'model' | 'encoder';
  loaded: string[];
  /** Keys of modules SMP keeps but never runs (classifier heads, stages past encoder_depth). */
  skipped: string[];
  missing: string[];
  unexpected: string[];
}

interface ShapeMismatch {
  key: string;
  expected: number[];
  actual: number[];
}

const SMP_PREFIXES = ['encoder.', 'decoder.', 'segmentation_head.'];

function detectScope(stateDict: StateDict): 'model' | 'encoder' {
  for (const key of stateDict.keys()) if (SMP_PREFIXES.some((p) => key.startsWith(p))) return 'model';
  return 'encoder';
}

const within = (key: string, module: string) => key === module || key.startsWith(`${module}.`);

function modelConfigOf(model: tfl.LayersModel): ModelConfig {
  const metadata = model.getUserDefinedMetadata() as Record<string, unknown> | undefined;
  const config = metadata?.[METADATA_KEY] as ModelConfig | undefined;
  if (!config) throw invalidInput('model was not built by @microseg/segmentation (no segmentation metadata)');
  return config;
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Loads a PyTorch (SMP) state_dict into a model from `buildModel`. Conv kernels are transposed
 * OIHW -> HWIO, BatchNorm running stats become moving mean/variance. Errors list missing and
 * unexpected keys and shape mismatches in `details`.
 */
export function loadStateDict(model: tfl.LayersModel, stateDict: StateDict, options: LoadStateDictOptions = {}): LoadReport {
  const strict = options.strict ?? true;
  const scope = options.scope ?? detectScope(stateDict);
  const { unusedModules } = describeModel(modelConfigOf(model));
  const toModelKey = (key: string) => (scope === 'encoder' ? `encoder.${key}` : key);

  const bindings = new Map<string, WeightBinding>();
  for (const layer of model.layers) {
    for (const binding of bindingsOf(layer)) {
      if (scope === 'encoder' && !binding.torchKey.startsWith('encoder.')) continue;
      bindings.set(binding.torchKey, binding);
    }
  }

  const report: LoadReport = { scope, loaded: [], skipped: [], missing: [], unexpected: [] };
  const mismatches: ShapeMismatch[] = [];
  const matched = new Map<WeightBinding, Float32Array>();
  for (const [key, record] of stateDict) {
    const modelKey = toModelKey(key);
    const binding = bindings.get(modelKey);
    if (!binding) {
      if (isIgnorableBuffer(modelKey) || unusedModules.some((m) => within(modelKey, m))) report.skipped.push(key);
      else report.unexpected.push(key);
      continue;
    }
    if (!sameShape(record.shape, binding.torchShape)) {
      mismatches.push({ key, expected: binding.torchShape, actual: record.shape });
      continue;
    }
    matched.set(binding, toFloat32(record));
    report.loaded.push(key);
  }
  const loadedKeys = new Set([...matched.keys()].map((b) => b.torchKey));
  for (const key of bindings.keys()) {
    if (!loadedKeys.has(key) && !mismatches.some((m) => toModelKey(m.key) === key)) {
      report.missing.push(scope === 'encoder' ? key.slice('encoder.'.length) : key);
    }
  }

  if (mismatches.length > 0 || (strict && (report.missing.length > 0 || report.unexpected.length > 0))) {
    throw invalidInput(
      `state_dict does not fit the model: ${report.missing.length} missing, ${report.unexpected.length} unexpected, ` +
        `${mismatches.length} shape mismatches`,
      { missing: report.missing, unexpected: report.unexpected, shapeMismatches: mismatches },
    );
  }

  for (const [binding, values] of matched) {
    const tensor = binding.convert(values, binding.torchShape);
    binding.variable.write(tensor);
    tensor.dispose();
  }
  return report;
}

export type { ShapeMismatch };
