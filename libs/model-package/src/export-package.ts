import { createHash } from 'node:crypto';
import { invalidInput } from '@microseg/errors';
import { type ArtifactLocation, type ArtifactManifest, ArtifactErrorReason, createOnnxRunner, openArtifact } from '@microseg/model-artifact';
import { nhwcToNchw } from '@microseg/onnx-export';
import { stringify } from 'yaml';
import { renderCover } from './cover.ts';
import { MICRONET_CITATION } from './micronet.ts';
import { modelCard } from './model-card.ts';
import { writeNpy } from './npy.ts';
import { type RdfInput, validateRdf } from './rdf.ts';
import { type GrayImage, syntheticMicrograph } from './sample-image.ts';
import { writeZip } from './zip.ts';

/** The bioimage.io model spec version written (0.5.x: axes as objects, per-tensor test tensors). */
export const FORMAT_VERSION = '0.5.4';
/** Bumped when the exporter's output changes, so packages cached by content are rebuilt. */
export const EXPORTER_VERSION = 1;

export interface ExportPackageOptions {
  /** The models' creators (the registry's owning group); bioimage.io needs at least one. */
  authors?: { name: string; affiliation?: string }[];
  /** The registry's model card (markdown), appended to the package's documentation. */
  card?: string | undefined;
  /** An SPDX licence id; default the artifact's licence when it is one, else `LicenseRef-MicroSeg-owner`. */
  license?: string;
  /** The test input and cover image (8-bit grayscale, sides multiples of 32); default a synthetic superalloy-like micrograph. */
  sample?: GrayImage;
}

export interface ExportedPackage {
  zip: Uint8Array;
  sha256: string;
  rdf: ReturnType<typeof validateRdf>;
}

const INPUT_ID = 'image';
const OUTPUT_ID = 'probabilities';
const SPDX = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;
const identifier = (name: string, i: number) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : `class_${i}`);

/**
 * A model artifact as a bioimage.io model package (zip): rdf.yaml (spec 0.5), the ONNX weights, test
 * input and output tensors (.npy) made by running the sample through ONNX Runtime, a cover with the
 * mask overlay, README.md, all with sha256. Deterministic for a given artifact and options.
 */
export async function exportPackage(source: ArtifactLocation, options: ExportPackageOptions = {}): Promise<ExportedPackage> {
  const artifact = await openArtifact(source);
  const { manifest } = artifact;
  if (!manifest.onnx) {
    throw invalidInput(`model ${manifest.name} has no ONNX weights (saved before ONNX export): re-save it to export it`, { reason: ArtifactErrorReason.ONNX_MISSING });
  }
  const onnx = await artifact.read(manifest.onnx.file);
  const sample = options.sample ?? syntheticMicrograph();
  if (sample.width % 32 !== 0 || sample.height % 32 !== 0) throw invalidInput('the sample image needs sides that are multiples of 32', { width: sample.width, height: sample.height });

  const { unit, normalised } = sampleTensors(sample, manifest);
  const runner = await createOnnxRunner(onnx, { threads: 1, names: { input: manifest.onnx.input, output: manifest.onnx.output } });
  const output = await runner.run(normalised).finally(() => runner.release());
  const mask = maskOf(output.data, output.shape[3]!);
  const binary = output.shape[3] === 1;

  const files: Record<string, Uint8Array> = {
    'model.onnx': onnx,
    'test-input.npy': writeNpy(nhwcToNchw(unit.data, unit.shape), [1, manifest.input.channels, sample.height, sample.width]),
    'test-output.npy': writeNpy(nhwcToNchw(output.data, output.shape), [1, output.shape[3]!, sample.height, sample.width]),
    'cover.png': await renderCover(sample, mask, manifest.classes.map((c) => c.color)),
    'README.md': new TextEncoder().encode(modelCard(manifest, { card: options.card, inputId: INPUT_ID, outputId: OUTPUT_ID, binary })),
  };
  const rdf = validateRdf(describe(manifest, files, options, binary));
  files['rdf.yaml'] = new TextEncoder().encode(stringify(rdf, { lineWidth: 0 }));
  const zip = writeZip(files);
  return { zip, sha256: sha256(zip), rdf };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The sample as the package's input tensor (scaled to 0..1) and as the network takes it (normalised), NHWC. */
function sampleTensors(sample: GrayImage, manifest: ArtifactManifest) {
  const { channels, normalisation } = manifest.input;
  const shape = [1, sample.height, sample.width, channels];
  const unit = new Float32Array(sample.pixels.length * channels);
  const normalisedData = new Float32Array(unit.length);
  sample.pixels.forEach((value, i) => {
    for (let c = 0; c < channels; c++) {
      const scaled = Math.fround(value / 255);
      unit[i * channels + c] = scaled;
      normalisedData[i * channels + c] = (scaled - normalisation.mean[c]!) / normalisation.std[c]!;
    }
  });
  return { unit: { shape, data: unit }, normalised: { shape, data: normalisedData } };
}

/** Argmax per pixel, or probability >= 0.5 for one sigmoid channel (as MicroSeg's inference does). */
export function maskOf(probabilities: Float32Array, classes: number): Uint8Array {
  const mask = new Uint8Array(probabilities.length / classes);
  for (let p = 0; p < mask.length; p++) {
    if (classes === 1) {
      mask[p] = probabilities[p]! >= 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[p * classes + c]! > probabilities[p * classes + best]!) best = c;
    mask[p] = best;
  }
  return mask;
}

function describe(manifest: ArtifactManifest, files: Record<string, Uint8Array>, options: ExportPackageOptions, binary: boolean): RdfInput {
  const { input, classes } = manifest;
  const channelNames = input.channels === 3 ? ['red', 'green', 'blue'] : Array.from({ length: input.channels }, (_, i) => `channel${i}`);
  const outputNames = (binary ? classes.slice(1, 2) : classes).map((c, i) => identifier(c.name, binary ? 1 : i));
  const space = (id: 'x' | 'y') => ({ type: 'space' as const, id, size: { min: 64, step: 32 } });
  const sameAsInput = (id: 'x' | 'y') => ({ type: 'space' as const, id, size: { tensor_id: INPUT_ID, axis_id: id, offset: 0 } });
  return {
    type: 'model',
    format_version: FORMAT_VERSION,
    name: manifest.name.slice(0, 128),
    description: `${binary ? 'Binary' : `${classes.length}-class`} semantic segmentation of micrographs (${classes.map((c) => c.name).join(', ')}): ${manifest.architecture} decoder, ${manifest.encoder} encoder, trained with MicroSeg.`,
    authors: options.authors?.length ? options.authors : [{ name: 'MicroSeg' }],
    cite: [{ ...MICRONET_CITATION }],
    license: options.license ?? (SPDX.test(manifest.licence) ? manifest.licence : 'LicenseRef-MicroSeg-owner'),
    documentation: 'README.md',
    covers: ['cover.png'],
    tags: ['semantic-segmentation', 'electron-microscopy', 'materials-science', 'microseg', manifest.architecture, manifest.encoder],
    timestamp: manifest.createdAt,
    inputs: [
      {
        id: INPUT_ID,
        description: 'micrograph intensities scaled to [0, 1]',
        axes: [{ type: 'batch' }, { type: 'channel', channel_names: channelNames }, space('y'), space('x')],
        test_tensor: { source: 'test-input.npy', sha256: sha256(files['test-input.npy']!) },
        data: { type: 'float32', range: [0, 1] },
        preprocessing: [
          { id: 'ensure_dtype', kwargs: { dtype: 'float32' } },
          { id: 'fixed_zero_mean_unit_variance', kwargs: { mean: [...input.normalisation.mean], std: [...input.normalisation.std], axis: 'channel' } },
        ],
      },
    ],
    outputs: [
      {
        id: OUTPUT_ID,
        description: binary ? 'foreground probability (sigmoid)' : 'class probabilities (softmax)',
        axes: [{ type: 'batch' }, { type: 'channel', channel_names: outputNames }, sameAsInput('y'), sameAsInput('x')],
        test_tensor: { source: 'test-output.npy', sha256: sha256(files['test-output.npy']!) },
        data: { type: 'float32', range: [0, 1] },
        postprocessing: [],
      },
    ],
    weights: { onnx: { source: 'model.onnx', sha256: sha256(files['model.onnx']!), opset_version: manifest.onnx!.opset } },
    config: {
      bioimageio: { reproducibility_tolerance: [{ absolute_tolerance: manifest.test.tolerance, relative_tolerance: 0, mismatched_elements_per_million: 0 }] },
      microseg: {
        exporterVersion: EXPORTER_VERSION,
        architecture: manifest.architecture,
        encoder: manifest.encoder,
        classes,
        bitDepths: input.bitDepths,
        // The version's conventions: how probabilities become classes and how 16-bit input is read.
        classRule: manifest.classRule,
        sixteenBit: input.sixteenBit,
        tile: manifest.tile,
        trainingPixelSize: manifest.trainingPixelSize,
        sourceWeights: manifest.sourceWeights,
        metrics: manifest.metrics,
        licence: manifest.licence,
        codeVersion: manifest.codeVersion,
      },
    },
  };
}
