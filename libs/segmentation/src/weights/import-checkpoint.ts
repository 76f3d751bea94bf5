import type * as tfl from '@tensorflow/tfjs-layers';
import { invalidInput } from '@microseg/errors';
import type { Checkpoint } from '@microseg/torch-checkpoint';
import { buildModel } from '../build-model.ts';
import type { ModelConfig } from '../model-config.ts';
import { loadStateDict, type LoadReport } from './load-state-dict.ts';

export interface MicronetFile {
  encoder: string;
  pretraining: 'microscopynet' | 'imagenet-microscopynet';
  version: string;
}

const MICRONET_FILE = /^(.+)_pretrained_(microscopynet|imagenet-microscopynet)_v(\d+(?:\.\d+)*)\.pth\.tar$/;

/** `{encoder}_pretrained_{microscopynet|imagenet-microscopynet}_v1.x.pth.tar`, the MicroNet release names. */
export function parseMicronetFileName(path: string): MicronetFile | undefined {
  const match = MICRONET_FILE.exec(path.split(/[\\/]/).pop() ?? path);
  if (!match) return undefined;
  return { encoder: match[1]!, pretraining: match[2] as MicronetFile['pretraining'], version: match[3]! };
}

export interface ImportCheckpointOptions extends Partial<ModelConfig> {
  /** The checkpoint's file name; MicroNet release names select encoder-only import. */
  fileName?: string;
  strict?: boolean;
}

export interface ImportedModel {
  model: tfl.LayersModel;
  config: ModelConfig;
  report: LoadReport;
  micronet?: MicronetFile;
}

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * Builds the network a checkpoint describes and loads it. Whole-model checkpoints name their
 * architecture/encoder in metadata (the paper's training checkpoints) or through options, and
 * the class count comes from the segmentation head. MicroNet release files carry encoder
 * weights only: the encoder is named by the file, the decoder and head stay freshly initialised.
 */
export function importCheckpoint(checkpoint: Checkpoint, options: ImportCheckpointOptions = {}): ImportedModel {
  const { fileName, strict, ...overrides } = options;
  const micronet = fileName ? parseMicronetFileName(fileName) : undefined;
  const encoder = overrides.encoder ?? micronet?.encoder ?? stringOf(checkpoint.metadata.encoder);
  const architecture = overrides.architecture ?? stringOf(checkpoint.metadata.architecture) ?? (micronet ? 'unet' : undefined);
  const head = checkpoint.stateDict.get('segmentation_head.0.weight');
  const classes = overrides.classes ?? head?.shape[0] ?? (micronet ? 1 : undefined);
  if (!encoder || !architecture || classes === undefined) {
    throw invalidInput('checkpoint does not say which network it is: give architecture, encoder and classes', {
      architecture, encoder, classes, metadataKeys: Object.keys(checkpoint.metadata),
    });
  }
  const config: ModelConfig = { ...overrides, architecture, encoder, classes };
  const model = buildModel(config);
  try {
    const report = loadStateDict(model, checkpoint.stateDict, {
      strict: strict ?? true,
      ...(micronet ? { scope: 'encoder' as const } : {}),
    });
    return { model, config, report, ...(micronet ? { micronet } : {}) };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
