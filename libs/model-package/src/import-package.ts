import { createHash } from 'node:crypto';
import { invalidInput } from '@microseg/errors';
import { type ArtifactLocation, type ArtifactManifest, type ModelDescription, type TensorData, saveOnnxArtifact } from '@microseg/model-artifact';
import { nchwToNhwc, readOnnxInfo } from '@microseg/onnx-export';
import { z } from 'zod';
import { PackageErrorReason } from './errors.ts';
import { readNpy } from './npy.ts';
import { type Axis, type ProcessingStep, type Rdf, parseRdf } from './rdf.ts';
import { readZip } from './zip.ts';

export interface ImportPackageOptions {
  /** The registry name; default the package's name. */
  name?: string;
  overwrite?: boolean;
}

export interface ImportedPackage {
  manifest: ArtifactManifest;
  rdf: Rdf;
  /** sha256 of the zip as received. */
  sha256: string;
}

/** Reproduction is accepted within the package's absolute tolerance, but never looser than this. */
const MAX_TOLERANCE = 1e-2;
const DEFAULT_TOLERANCE = 1e-3;
const PALETTE = ['#000000', '#ff0000', '#00ff00', '#0000ff', '#ffff00', '#ff00ff', '#00ffff', '#ff8000'];
const DESCRIPTION_FILES = ['rdf.yaml', 'bioimageio.yaml'];

/** What MicroSeg's own exports add under config.microseg; a foreign package's model runs without it. */
const MicrosegConfigSchema = z.object({
  architecture: z.string().min(1),
  encoder: z.string().min(1),
  classes: z.array(z.object({ index: z.int(), name: z.string(), color: z.string() })).min(1),
  bitDepths: z.array(z.union([z.literal(8), z.literal(16)])).min(1),
  // Absent from packages exported before they were recorded: those versions ran with argmax and full-range 16-bit input.
  classRule: z.enum(['threshold', 'argmax']).default('argmax'),
  sixteenBit: z.enum(['full_range', 'high_byte']).default('full_range'),
  tile: z.object({ size: z.int().positive(), stride: z.int().positive() }),
  trainingPixelSize: z.object({ value: z.number().positive(), unit: z.enum(['nm', 'um']) }).nullable(),
  sourceWeights: z.array(z.object({ name: z.string(), sha256: z.string(), url: z.string().optional() })),
  metrics: z.record(z.string(), z.number()),
  licence: z.string().min(1),
  codeVersion: z.string().min(1),
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Imports a bioimage.io model package as an ONNX-only MicroSeg artifact at `target`: every file the
 * description names must be in the zip with its sha256, the axes and preprocessing must be ones
 * MicroSeg runs (batch, channel, y, x; a per-channel linear normalisation), and ONNX Runtime must
 * reproduce the package's test output from its test input within tolerance. Otherwise INVALID_INPUT
 * with `details.reason` from PackageErrorReason, and nothing is written.
 */
export async function importPackage(zip: Uint8Array, target: ArtifactLocation, options: ImportPackageOptions = {}): Promise<ImportedPackage> {
  const files = readZip(zip);
  const descriptionFile = DESCRIPTION_FILES.find((name) => files.has(name));
  if (!descriptionFile) throw invalidInput('the package has no rdf.yaml', { reason: PackageErrorReason.FILE_MISSING, file: 'rdf.yaml', files: [...files.keys()] });
  const rdf = parseRdf(new TextDecoder().decode(files.get(descriptionFile)));
  const [input, output] = [rdf.inputs[0]!, rdf.outputs[0]!];

  const file = (name: string, expected?: string): Uint8Array => {
    const data = files.get(name);
    if (!data) throw invalidInput(`the package lacks ${name}, which rdf.yaml names`, { reason: PackageErrorReason.FILE_MISSING, file: name });
    const actual = expected ? sha256(data) : undefined;
    if (expected && actual !== expected) {
      throw invalidInput(`${name} does not match its sha256 in rdf.yaml`, { reason: PackageErrorReason.CHECKSUM_MISMATCH, file: name, expected, actual });
    }
    return data;
  };
  const onnx = file(rdf.weights.onnx.source, rdf.weights.onnx.sha256);
  const testInput = readNpy(file(input.test_tensor.source, input.test_tensor.sha256), input.test_tensor.source);
  const testOutput = readNpy(file(output.test_tensor.source, output.test_tensor.sha256), output.test_tensor.source);
  file(rdf.documentation);
  rdf.covers.forEach((cover) => file(cover));

  const info = readOnnxInfo(onnx);
  if (info.opset !== rdf.weights.onnx.opset_version) {
    throw invalidInput(`weights.onnx.opset_version is ${rdf.weights.onnx.opset_version} but the model imports opset ${info.opset}`, { reason: PackageErrorReason.RDF_INVALID });
  }
  if (info.inputs.length !== 1 || info.outputs.length < 1) {
    throw invalidInput('the ONNX model must take one input tensor', { reason: PackageErrorReason.UNSUPPORTED, inputs: info.inputs, outputs: info.outputs });
  }
  const channels = imageAxes(input.axes, 'input');
  const classNames = imageAxes(output.axes, 'output');
  const normalisation = normalisationOf(input.preprocessing, input.data.type, channels.length);
  if (output.postprocessing.length) unsupported(`output postprocessing ${output.postprocessing.map((s) => s.id).join(', ')}`);
  checkShape(testInput.shape, channels.length, input.test_tensor.source);
  checkShape(testOutput.shape, classNames.length, output.test_tensor.source);

  const microseg = MicrosegConfigSchema.safeParse(rdf.config['microseg']);
  const ours = microseg.success ? microseg.data : undefined;
  const description: ModelDescription = {
    name: options.name ?? rdf.name,
    architecture: ours?.architecture ?? 'onnx',
    encoder: ours?.encoder ?? 'bioimageio',
    classes: ours?.classes ?? classesOf(classNames),
    input: { channels: channels.length, grayscale: 'replicate', bitDepths: ours?.bitDepths ?? bitDepthsOf(input.data.type), sixteenBit: ours?.sixteenBit ?? 'full_range', normalisation },
    // A foreign package's network is run with the generic rule; MicroSeg's own exports keep theirs.
    classRule: ours?.classRule ?? 'argmax',
    tile: ours?.tile ?? { size: 512, stride: 256 },
    trainingPixelSize: ours?.trainingPixelSize ?? null,
    sourceWeights: ours?.sourceWeights ?? [],
    metrics: ours?.metrics ?? {},
    licence: ours?.licence ?? rdf.license,
    codeVersion: ours?.codeVersion ?? `bioimageio-${rdf.format_version}`,
    createdAt: new Date(rdf.timestamp).toISOString(),
  };
  const manifest = await saveOnnxArtifact(onnx, description, target, {
    names: { input: info.inputs[0]!, output: info.outputs[0]! },
    testInput: normalisedNhwc(testInput, description.input.normalisation, input.data.type),
    expectedOutput: { shape: nhwcShape(testOutput.shape), data: nchwToNhwc(testOutput.data, testOutput.shape) },
    tolerance: toleranceOf(rdf),
    ...(options.overwrite ? { overwrite: true } : {}),
  });
  return { manifest, rdf, sha256: sha256(zip) };
}

function unsupported(what: string, details: Record<string, unknown> = {}): never {
  throw invalidInput(`MicroSeg cannot run this package: ${what}`, { reason: PackageErrorReason.UNSUPPORTED, ...details });
}

/** Axes must be batch, channel, y, x (what the NCHW session is fed); gives the channel names. */
function imageAxes(axes: Axis[], tensor: string): string[] {
  const [batch, channel, y, x] = axes;
  if (axes.length !== 4 || batch?.type !== 'batch' || channel?.type !== 'channel' || y?.type !== 'space' || y.id !== 'y' || x?.type !== 'space' || x.id !== 'x') {
    unsupported(`the ${tensor} axes must be batch, channel, y, x`, { axes: axes.map((a) => a.id) });
  }
  return channel.channel_names;
}

function checkShape(shape: number[], channels: number, what: string): void {
  if (shape.length !== 4 || shape[0] !== 1 || shape[1] !== channels) {
    throw invalidInput(`${what} is not a [1, ${channels}, y, x] tensor`, { reason: PackageErrorReason.UNSUPPORTED, shape });
  }
}

/** The scale from the tensor's stored values to MicroSeg's 0..1 intensities (what its normalisation starts from). */
function unitScale(dtype: string): number {
  if (dtype === 'uint8') return 255;
  if (dtype === 'uint16') return 65535;
  if (dtype === 'float32') return 1;
  return unsupported(`input data type ${dtype}`, { dtype });
}

function bitDepthsOf(dtype: string): (8 | 16)[] {
  return dtype === 'uint8' ? [8] : dtype === 'uint16' ? [16] : [8, 16];
}

/**
 * Folds the preprocessing into MicroSeg's per-channel (x - mean) / std on 0..1 intensities: each
 * supported step is a per-channel linear map, so their composition is gain * value + offset.
 */
function normalisationOf(steps: ProcessingStep[], dtype: string, channels: number): { mean: number[]; std: number[] } {
  const scale = unitScale(dtype);
  const gain = Array<number>(channels).fill(scale);
  const offset = Array<number>(channels).fill(0);
  const values = (value: number | number[], name: string) => {
    const list = typeof value === 'number' ? Array<number>(channels).fill(value) : value;
    if (list.length !== channels) unsupported(`${name} has ${list.length} values for ${channels} channels`);
    return list;
  };
  for (const step of steps) {
    if (step.id === 'ensure_dtype') {
      if (step.kwargs.dtype !== 'float32') unsupported(`ensure_dtype to ${step.kwargs.dtype}`);
    } else if (step.id === 'scale_linear') {
      const [g, o] = [values(step.kwargs.gain, 'scale_linear gain'), values(step.kwargs.offset, 'scale_linear offset')];
      for (let c = 0; c < channels; c++) [gain[c], offset[c]] = [gain[c]! * g[c]!, offset[c]! * g[c]! + o[c]!];
    } else if (step.id === 'fixed_zero_mean_unit_variance') {
      const [m, s] = [values(step.kwargs.mean, 'mean'), values(step.kwargs.std, 'std')];
      for (let c = 0; c < channels; c++) [gain[c], offset[c]] = [gain[c]! / s[c]!, (offset[c]! - m[c]!) / s[c]!];
    } else {
      unsupported(`preprocessing ${step.id} (MicroSeg runs fixed per-channel linear normalisations)`, { step: step.id });
    }
  }
  if (gain.some((g) => !(g > 0) || !Number.isFinite(g))) unsupported('a preprocessing that does not keep intensities increasing', { gain });
  return { mean: offset.map((o, c) => -o / gain[c]!), std: gain.map((g) => 1 / g) };
}

/** The package's test input as MicroSeg feeds the network: stored values to 0..1, normalised, NHWC. */
function normalisedNhwc(tensor: { shape: number[]; data: Float32Array }, normalisation: { mean: number[]; std: number[] }, dtype: string): TensorData {
  const [, channels, height, width] = tensor.shape as [number, number, number, number];
  const scale = unitScale(dtype);
  const plane = height * width;
  const data = new Float32Array(tensor.data.length);
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < plane; p++) data[c * plane + p] = (Math.fround(tensor.data[c * plane + p]! / scale) - normalisation.mean[c]!) / normalisation.std[c]!;
  }
  return { shape: nhwcShape(tensor.shape), data: nchwToNhwc(data, tensor.shape) };
}

const nhwcShape = ([n, c, h, w]: number[]) => [n!, h!, w!, c!];

function classesOf(names: string[]): ModelDescription['classes'] {
  const all = names.length === 1 ? ['background', names[0]!] : names;
  return all.map((name, index) => ({ index, name, color: PALETTE[index % PALETTE.length]! }));
}

function toleranceOf(rdf: Rdf): number {
  const entries = (rdf.config['bioimageio'] as { reproducibility_tolerance?: { absolute_tolerance?: unknown }[] } | undefined)?.reproducibility_tolerance;
  const value = entries?.[0]?.absolute_tolerance;
  return typeof value === 'number' && value > 0 ? Math.min(value, MAX_TOLERANCE) : DEFAULT_TOLERANCE;
}
