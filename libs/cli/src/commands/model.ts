import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { invalidInput, notFound } from '@microseg/errors';
import { defaultClassColour, parsePixelSize } from '@microseg/micrograph';
import type { ArtifactManifest } from '@microseg/model-artifact';
import type { Command } from 'commander';
import { cliEnvironment } from '../cli-environment.ts';
import { printResult } from '../output.ts';

interface ImportFlags {
  arch?: string;
  encoder?: string;
  classes?: string;
  classNames?: string;
  encoderDepth?: string;
  decoderChannels?: string;
  out: string;
  name?: string;
  licence?: string;
  pixelSize?: string;
  classRule: string;
  sixteenBit: string;
  tile: string;
  stride: string;
  overwrite?: boolean;
  json?: boolean;
}

/** The MicroNet release (nasa/pretrained-microscopy-models) is published under the MIT licence. */
const MICRONET_LICENCE = 'MIT (nasa/pretrained-microscopy-models)';

/**
 * Starts TensorFlow.js for the engine commands. Imported on demand so that the gateway commands
 * of this CLI do not pay for loading tfjs; the segmentation package registers its custom layers,
 * which tfjs-layers needs before it can rebuild a saved model.
 */
export async function startEngine() {
  const runtime = await import('@microseg/tf-runtime');
  await import('@microseg/segmentation');
  // The CLI is a process entry point: MICROSEG_TF_BACKEND is its configuration, as for the services.
  const backend = await runtime.initBackend({ preferred: cliEnvironment().MICROSEG_TF_BACKEND });
  return { runtime, backend };
}

/** `model import` and `model info`: local model artifacts, no server needed. */
export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('local model artifacts: import PyTorch weights, inspect');

  model
    .command('import')
    .description('import a PyTorch (SMP) checkpoint or safetensors file as a model artifact directory')
    .argument('<checkpoint>', '.pth / .pth.tar (torch.save) or .safetensors; MicroNet release files import encoder-only')
    .option('--arch <name>', "decoder, e.g. unet, fpn (default: the checkpoint's `architecture`)")
    .option('--encoder <name>', "encoder, e.g. resnet50 (default: the checkpoint's `encoder`)")
    .option('--classes <n>', 'output classes incl. background; 1 = binary (default: from the segmentation head)')
    .option('--class-names <list>', 'class names in index order, e.g. background,ferrite,cementite')
    .option('--encoder-depth <n>', "SMP's encoder_depth (3..5)")
    .option('--decoder-channels <list>', "UNet/UNet++: SMP's decoder_channels, e.g. 256,128,64,32,16")
    .requiredOption('--out <dir>', 'artifact directory to write')
    .option('--name <name>', 'model name (default: the checkpoint file name)')
    .option('--licence <text>', 'licence of the weights (default: MIT for MicroNet release files, else unknown)')
    .option('--pixel-size <size>', 'pixel size of the training images, e.g. 12.5nm or 0.5um (default: unknown)')
    .option('--class-rule <rule>', "threshold (the paper's: a class where its probability exceeds 0.5, the background elsewhere) or argmax", 'threshold')
    .option('--sixteen-bit <conversion>', "16-bit images: full_range (/65535) or high_byte (the 8-bit read of the paper's code)", 'full_range')
    .option('--tile <px>', 'inference tile size', '512')
    .option('--stride <px>', 'inference tile stride', '256')
    .option('--overwrite', 'replace an artifact already at --out')
    .option('--json', 'print JSON')
    .action(async (path: string, flags: ImportFlags) => {
      const result = await importModel(path, flags);
      printResult(flags, result, readableImport);
    });

  model
    .command('info')
    .description("a model artifact's manifest (architecture, encoder, classes, input, tiles, sources, metrics)")
    .argument('<dir>', 'artifact directory (or .tar.gz)')
    .option('--json', 'print JSON')
    .action(async (dir: string, flags: { json?: boolean }) => {
      const { readManifest } = await import('@microseg/model-artifact');
      printResult(flags, await readManifest(dir), readableManifest);
    });
}

async function importModel(path: string, flags: ImportFlags) {
  const classes = optionalInteger('--classes', flags.classes, 1);
  const encoderDepth = optionalInteger('--encoder-depth', flags.encoderDepth, 1);
  const decoderChannels = flags.decoderChannels === undefined ? undefined : integerList('--decoder-channels', flags.decoderChannels);
  const tile = { size: requiredInteger('--tile', flags.tile, 32), stride: requiredInteger('--stride', flags.stride, 1) };
  const trainingPixelSize = flags.pixelSize === undefined ? null : manifestPixelSize(flags.pixelSize);
  const classRule = oneOf('--class-rule', flags.classRule, ['threshold', 'argmax'] as const);
  const sixteenBit = oneOf('--sixteen-bit', flags.sixteenBit, ['full_range', 'high_byte'] as const);
  const bytes = await readCheckpointFile(path);
  const { readCheckpoint } = await import('@microseg/torch-checkpoint');
  const checkpoint = await readCheckpoint(bytes);

  const { backend } = await startEngine();
  const { importCheckpoint } = await import('@microseg/segmentation');
  const { saveArtifact } = await import('@microseg/model-artifact');
  const { IMAGENET_NORMALISATION } = await import('@microseg/tf-runtime');
  const fileName = basename(path);
  const imported = importCheckpoint(checkpoint, {
    fileName,
    ...(flags.arch === undefined ? {} : { architecture: flags.arch }),
    ...(flags.encoder === undefined ? {} : { encoder: flags.encoder }),
    ...(classes === undefined ? {} : { classes }),
    ...(encoderDepth === undefined ? {} : { encoderDepth }),
    ...(decoderChannels === undefined ? {} : { decoderChannels }),
  });
  try {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const manifest = await saveArtifact(
      imported.model,
      {
        name: flags.name ?? fileName,
        architecture: imported.config.architecture,
        encoder: imported.config.encoder,
        classes: modelClasses(imported.config.classes, flags.classNames),
        input: {
          channels: 3,
          grayscale: 'replicate',
          bitDepths: [8, 16],
          sixteenBit,
          normalisation: { mean: [...IMAGENET_NORMALISATION.mean], std: [...IMAGENET_NORMALISATION.std] },
        },
        classRule,
        tile,
        trainingPixelSize,
        sourceWeights: [{ name: fileName, sha256 }],
        metrics: {},
        licence: flags.licence ?? (imported.micronet ? MICRONET_LICENCE : 'unknown'),
        codeVersion: cliEnvironment().MICROSEG_CODE_VERSION,
      },
      flags.out,
      { overwrite: flags.overwrite ?? false },
    );
    const { report } = imported;
    return {
      out: flags.out,
      name: manifest.name,
      architecture: manifest.architecture,
      encoder: manifest.encoder,
      classes: manifest.classes,
      classRule: manifest.classRule,
      sixteenBit: manifest.input.sixteenBit,
      checkpoint: { file: fileName, format: checkpoint.format, sha256 },
      scope: report.scope,
      ...(imported.micronet ? { micronet: imported.micronet } : {}),
      loaded: report.loaded.length,
      skipped: report.skipped,
      backend: backend.backend,
    };
  } finally {
    imported.model.dispose();
  }
}

async function readCheckpointFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('checkpoint', path);
    throw invalidInput(`cannot read checkpoint ${path}`, { path }, cause);
  }
}

/**
 * The manifest's classes: one per output channel, or background + foreground for a binary
 * (one sigmoid channel) model, as the paper's code counts them.
 */
function modelClasses(outputs: number, names: string | undefined) {
  const count = outputs === 1 ? 2 : outputs;
  const given = names?.split(',').map((name) => name.trim());
  if (given && (given.length !== count || given.some((name) => name === ''))) {
    throw invalidInput(`--class-names needs ${count} non-empty names (the model has ${count} classes)`, {
      classNames: given,
      classes: count,
    });
  }
  return Array.from({ length: count }, (_, index) => ({
    index,
    name: given?.[index] ?? (index === 0 ? 'background' : `class ${index}`),
    color: defaultClassColour(index),
  }));
}

function readableImport(result: Awaited<ReturnType<typeof importModel>>): string {
  const lines = [
    `imported ${result.checkpoint.file} (${result.checkpoint.format}) as ${result.architecture}/${result.encoder} into ${result.out}`,
    `  ${result.scope === 'encoder' ? 'encoder weights only (fresh decoder)' : 'whole model'}: ${result.loaded} tensors loaded, ${result.skipped.length} skipped (modules SMP never runs)`,
    `  classes: ${result.classes.map((c) => `${c.index} ${c.name}`).join(', ')}`,
    `  self-test recorded; backend ${result.backend}`,
  ];
  return lines.join('\n');
}

function readableManifest(manifest: ArtifactManifest): string {
  const { input, tile } = manifest;
  return [
    `${manifest.name}: ${manifest.architecture}/${manifest.encoder} (format ${manifest.formatVersion}, created ${manifest.createdAt})`,
    `classes: ${manifest.classes.map((c) => `${c.index} ${c.name} ${c.color}`).join(', ')}`,
    `input: ${input.channels} channels (grayscale ${input.grayscale}), ${input.bitDepths.join('/')}-bit, mean ${input.normalisation.mean.join(',')} std ${input.normalisation.std.join(',')}`,
    `class rule: ${manifest.classRule}; 16-bit input: ${input.sixteenBit}`,
    `tiles: ${tile.size} px at stride ${tile.stride}`,
    `training pixel size: ${manifest.trainingPixelSize ? `${manifest.trainingPixelSize.value} ${manifest.trainingPixelSize.unit}` : 'unknown'}`,
    `sources: ${manifest.sourceWeights.map((s) => `${s.name} (sha256 ${s.sha256})`).join(', ') || 'none'}`,
    `metrics: ${Object.entries(manifest.metrics).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    `licence: ${manifest.licence}; code ${manifest.codeVersion}`,
  ].join('\n');
}

/** The manifest records nm or um; millimetre pixels (light microscopy) are given in um. */
function manifestPixelSize(text: string): { value: number; unit: 'nm' | 'um' } {
  const size = parsePixelSize(text);
  return size.unit === 'mm' ? { value: size.value * 1000, unit: 'um' } : { value: size.value, unit: size.unit };
}

function requiredInteger(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw invalidInput(`${flag} must be a whole number >= ${min}, got "${text}"`, { [flag]: text });
  return value;
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw invalidInput(`${flag} must be one of ${allowed.join(', ')}, got "${text}"`, { [flag]: text, allowed });
  return text as T;
}

function optionalInteger(flag: string, text: string | undefined, min: number): number | undefined {
  return text === undefined ? undefined : requiredInteger(flag, text, min);
}

function integerList(flag: string, text: string): number[] {
  return text.split(',').map((part) => requiredInteger(flag, part.trim(), 1));
}
