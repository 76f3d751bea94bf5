import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { invalidInput, notFound } from '@microseg/errors';
import { createIndexMask, encodeIndexMask } from '@microseg/metrology';
import type { ArtifactManifest } from '@microseg/model-artifact';
import type { Segmentation, TiledSegmentationOptions } from '@microseg/tf-runtime/onnx';
import type { Command } from 'commander';
import { printResult } from '../output.ts';
import { startEngine } from './model.ts';

interface PredictFlags {
  model: string;
  out: string;
  probabilities?: boolean;
  tile?: string;
  stride?: string;
  workers?: string;
  engine?: string;
  threads?: string;
  json?: boolean;
}

const ENGINES = ['onnx', 'tfjs'] as const;
type Engine = (typeof ENGINES)[number];

interface ImageResult {
  image: string;
  mask: string;
  probabilities?: string;
  width: number;
  height: number;
  channels: number;
  bitDepth: number;
  tiles: number;
  ms: number;
  classes: { index: number; name: string; pixels: number }[];
}

/** `microseg predict --model DIR IMAGE... --out DIR`: tiled inference of local images with a local artifact. */
export function registerPredictCommand(program: Command): void {
  program
    .command('predict')
    .description('segment images with a model artifact, writing <name>.png index masks')
    .argument('<images...>', 'PNG, TIFF or JPEG micrographs (8 or 16 bit, gray or RGB)')
    .requiredOption('--model <dir>', 'model artifact directory (or .tar.gz); its self-test must pass')
    .requiredOption('--out <dir>', 'directory for the masks (created if missing)')
    .option('--probabilities', 'also write <name>.probabilities.npy: float32 [height, width, channels]')
    .option('--tile <px>', "tile size (default: the model's, 512)")
    .option('--stride <px>', 'tile stride (default: the model\'s, or half of --tile)')
    .option('--engine <name>', 'onnx (ONNX Runtime, CPU) or tfjs (default: onnx when the artifact has model.onnx, else tfjs)')
    .option('--threads <n>', 'onnx: ONNX Runtime intra-op threads (default: one per available core, capped by a container CPU limit)')
    .option('--workers <n>', 'tfjs: worker threads for tiles (default: one per core on wasm/cpu, 0 on tensorflow)')
    .option('--json', 'print JSON')
    .action(async (images: string[], flags: PredictFlags) => {
      const result = await predict(images, flags);
      printResult(flags, result, readablePredictions);
    });
}

async function predict(images: string[], flags: PredictFlags) {
  const outputs = outputNames(images);
  const { readManifest } = await import('@microseg/model-artifact/onnx');
  const manifest = await readManifest(flags.model);
  const engine = chooseEngine(flags, manifest);
  const tile = flags.tile === undefined ? manifest.tile.size : wholeNumber('--tile', flags.tile, 32);
  const stride = flags.stride !== undefined ? wholeNumber('--stride', flags.stride, 1) : flags.tile !== undefined ? tile / 2 : manifest.tile.stride;
  const network = engine === 'onnx' ? await onnxNetwork(flags) : await tfjsNetwork(flags);
  try {
    await mkdir(flags.out, { recursive: true });
    const results = await segmentAll(images, outputs, flags, network, { tile, stride });
    return {
      model: { dir: flags.model, name: manifest.name, architecture: manifest.architecture, encoder: manifest.encoder },
      engine, backend: network.backend, tile, stride, ...network.parallelism, images: results,
    };
  } finally {
    await network.close();
  }
}

function chooseEngine(flags: PredictFlags, manifest: ArtifactManifest): Engine {
  if (flags.engine !== undefined && !(ENGINES as readonly string[]).includes(flags.engine)) {
    throw invalidInput(`--engine must be ${ENGINES.join(' or ')}, got "${flags.engine}"`, { engine: flags.engine });
  }
  const engine = (flags.engine as Engine | undefined) ?? (manifest.onnx ? 'onnx' : 'tfjs');
  if (engine === 'onnx' && flags.workers !== undefined) {
    throw invalidInput('--workers is for the tfjs engine; ONNX Runtime takes --threads', { engine, workers: flags.workers });
  }
  if (engine === 'tfjs' && flags.threads !== undefined) {
    throw invalidInput('--threads is for the onnx engine; tfjs takes --workers', { engine, threads: flags.threads });
  }
  return engine;
}

/** How an engine runs the tiles (a tfjs model or an ONNX Runtime session) and its parallelism. */
interface Network {
  manifest: ArtifactManifest;
  backend: string;
  parallelism: { workers: number } | { threads: number };
  segment(options: TiledSegmentationOptions): Promise<Segmentation>;
  close(): Promise<void>;
}

/**
 * ONNX Runtime on the CPU: one session, its intra-op threads spanning the cores. Only the packages' `onnx`
 * entries are imported: tfjs is not loaded at all (~70 MiB less resident memory).
 */
async function onnxNetwork(flags: PredictFlags): Promise<Network> {
  const [{ loadOnnxArtifact }, { segmentWithRunner }] = await Promise.all([import('@microseg/model-artifact/onnx'), import('@microseg/tf-runtime/onnx')]);
  const threads = flags.threads === undefined ? {} : { threads: wholeNumber('--threads', flags.threads, 1) };
  const { runner, manifest } = await loadOnnxArtifact(flags.model, threads);
  return {
    manifest,
    backend: 'onnxruntime-cpu',
    parallelism: { threads: runner.threads },
    segment: (options) => segmentWithRunner({ ...options, model: runner }),
    close: () => runner.release(),
  };
}

async function tfjsNetwork(flags: PredictFlags): Promise<Network> {
  const { runtime, backend } = await startEngine();
  const { loadArtifact } = await import('@microseg/model-artifact');
  const { model, manifest } = await loadArtifact(flags.model);
  const workers = flags.workers === undefined ? (backend.backend === 'tensorflow' ? 0 : availableParallelism()) : wholeNumber('--workers', flags.workers, 0);
  // One pool for all images: each worker loads the network once, not once per image.
  const pool =
    workers > 0
      ? await runtime.createTileWorkerPool({
          source: await runtime.modelToSource(model, [import.meta.resolve('@microseg/segmentation')]),
          workers,
          backend: backend.backend === 'cpu' ? 'cpu' : 'wasm',
        })
      : undefined;
  return {
    manifest,
    backend: backend.backend,
    parallelism: { workers },
    segment: (options) => runtime.segmentImage({ ...options, model, ...(pool ? { pool } : { workers: 0 }) }),
    async close() {
      await pool?.close();
      model.dispose();
    },
  };
}

async function segmentAll(
  images: string[],
  outputs: string[],
  flags: PredictFlags,
  network: Network,
  settings: { tile: number; stride: number },
): Promise<ImageResult[]> {
  const { manifest } = network;
  const { decodeImage } = await import('@microseg/micrograph');
  const results: ImageResult[] = [];
  for (const [index, path] of images.entries()) {
    const decoded = await decodeImage(await readImageFile(path));
    assertModelTakes(manifest, path, decoded.info);
    const started = performance.now();
    const segmentation = await network.segment({
      image: { data: decoded.pixels, width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels, bitDepth: decoded.info.bitDepth },
      tile: settings.tile,
      stride: settings.stride,
      probabilities: flags.probabilities ?? false,
      normalisation: {
        mean: manifest.input.normalisation.mean as [number, number, number],
        std: manifest.input.normalisation.std as [number, number, number],
      },
    });
    const ms = Math.round(performance.now() - started);
    const name = outputs[index]!;
    const maskFile = join(flags.out, `${name}.png`);
    await writeFile(maskFile, await encodeIndexMask(createIndexMask(segmentation.width, segmentation.height, segmentation.mask)));
    let probabilitiesFile: string | undefined;
    if (segmentation.probabilities) {
      probabilitiesFile = join(flags.out, `${name}.probabilities.npy`);
      const channels = segmentation.probabilities.length / (segmentation.width * segmentation.height);
      await writeFile(probabilitiesFile, npyFloat32(segmentation.probabilities, [segmentation.height, segmentation.width, channels]));
    }
    results.push({
      image: path,
      mask: maskFile,
      ...(probabilitiesFile ? { probabilities: probabilitiesFile } : {}),
      width: segmentation.width,
      height: segmentation.height,
      channels: decoded.info.channels,
      bitDepth: decoded.info.bitDepth,
      tiles: segmentation.tiles,
      ms,
      classes: classPixels(manifest, segmentation.mask),
    });
  }
  return results;
}

/** `<name>` of each output: the image's file name without extension; two images may not share one. */
function outputNames(images: string[]): string[] {
  const names = images.map((path) => basename(path, extname(path)));
  const seen = new Map<string, string>();
  for (const [i, name] of names.entries()) {
    const other = seen.get(name);
    if (other !== undefined) {
      throw invalidInput(`${other} and ${images[i]} would both write ${name}.png`, { images: [other, images[i]] });
    }
    seen.set(name, images[i]!);
  }
  return names;
}

async function readImageFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('image', path);
    throw invalidInput(`cannot read image ${path}`, { path }, cause);
  }
}

/** Refuses an image the model was not made for before any tile runs. */
function assertModelTakes(manifest: ArtifactManifest, path: string, info: { bitDepth: number; channels: number }): void {
  const { input } = manifest;
  if (!input.bitDepths.includes(info.bitDepth as 8 | 16)) {
    throw invalidInput(`${path} is ${info.bitDepth}-bit; the model takes ${input.bitDepths.join(' or ')}-bit images`, {
      image: path, bitDepth: info.bitDepth, accepted: input.bitDepths,
    });
  }
  if (info.channels !== 1 && info.channels !== input.channels) {
    throw invalidInput(`${path} has ${info.channels} channels; the model takes ${input.channels} (or grayscale)`, {
      image: path, channels: info.channels, accepted: input.channels,
    });
  }
}

function classPixels(manifest: ArtifactManifest, mask: Uint8Array | Uint16Array) {
  const counts = new Array<number>(manifest.classes.length).fill(0);
  for (const value of mask) counts[value] = (counts[value] ?? 0) + 1;
  return manifest.classes.map((c) => ({ index: c.index, name: c.name, pixels: counts[c.index] ?? 0 }));
}

/** NumPy's .npy (format 1.0, float32 in the host's little-endian order, C order) so that `numpy.load` reads the probabilities as they are. */
function npyFloat32(values: Float32Array, shape: number[]): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces and a newline to a multiple of 64.
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + values.byteLength);
  bytes.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0], 0);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), 10);
  const data = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  bytes.set(data, 10 + header.length);
  return bytes;
}

function readablePredictions(result: Awaited<ReturnType<typeof predict>>): string {
  const parallelism = 'threads' in result ? `${result.threads} threads` : `${result.workers} workers`;
  const lines = [`${result.model.name} (${result.model.architecture}/${result.model.encoder}) on ${result.engine} (${result.backend}), tiles ${result.tile}/${result.stride}, ${parallelism}`];
  for (const image of result.images) {
    const total = image.width * image.height;
    const classes = image.classes.map((c) => `${c.name} ${((c.pixels / total) * 100).toFixed(1)}%`).join(', ');
    lines.push(`${image.image}: ${image.width}x${image.height} ${image.bitDepth}-bit, ${image.tiles} tiles in ${image.ms} ms -> ${image.mask} (${classes})`);
  }
  return lines.join('\n');
}

function wholeNumber(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw invalidInput(`${flag} must be a whole number >= ${min}, got "${text}"`, { [flag]: text });
  return value;
}
