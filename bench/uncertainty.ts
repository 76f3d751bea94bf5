/**
 * `pnpm bench:uncertainty` (issue 13): are the measurement intervals calibrated? A model segments the
 * benchmark's held-out images of an experiment (default Super1: its 4 test images, and its 4 validation
 * images, which training never saw either), with the probability band the inference service makes; each
 * image and each of its quadrants (fields of view of their own) is measured on the nominal mask and the
 * band's masks as metrology does, and on the true mask. Printed per quantity: how often the ground-truth
 * measurement falls inside the interval, for the reported interval (band ∪ sampling), the band alone and
 * the sampling interval alone, against the nominal coverage, and the interval's median relative width.
 * Then the same intervals calibrated on the validation images (split conformal, per class and
 * quantity: @microseg/metrology's calibrateIntervalScale) and checked on the test images, which the
 * calibration never saw: coverage before and after, per quantity.
 *
 * A coating experiment (EBC1..3) is measured as a layer instead: its thickness coverage before and
 * after calibration (bench/uncertainty-thickness.ts).
 *
 * The model: --checkpoint FILE (a paper-style SMP checkpoint, e.g. from
 * test/oracles/uncertainty/train_smp_unet.py, which this bench runs when none is given: --train-steps N).
 * Options: --experiment Super1  --train-crop 128  --train-lr 1e-3  --encoder-depth 3  --decoder-channels 64,32,16  --class-rule threshold
 *          --band 0.3,0.7  --coverage 0.95
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Interval,
  type MaskSample,
  type CalibratedQuantity,
  type LabelledMasks,
  calibrateClassIntervals,
  calibrateMissedRanges,
  contains,
  createIndexMask,
  cropMask,
  labelledImageFields,
  measurementIntervals,
  particleSample,
  scaleInterval,
} from '@microseg/metrology';
import { decodeImage } from '@microseg/micrograph';
import '@microseg/segmentation';
import { importCheckpoint } from '@microseg/segmentation';
import { initBackend, segmentImage } from '@microseg/tf-runtime';
import { readCheckpoint } from '@microseg/torch-checkpoint';
import { type LabelledImage, reportThicknessCoverage } from './uncertainty-thickness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BENCHMARK = process.env['MICRONET_BENCHMARK_DIR'] ?? resolve(ROOT, '..', 'shared', 'data', 'micronet-benchmark');
const { values: args } = parseArgs({
  options: {
    experiment: { type: 'string', default: 'Super1' },
    checkpoint: { type: 'string' },
    'train-steps': { type: 'string', default: '300' },
    // The quick default finds no oxide on EBC at all; 256 px crops at 3e-4 begin to (README).
    'train-crop': { type: 'string', default: '128' },
    'train-lr': { type: 'string', default: '1e-3' },
    'encoder-depth': { type: 'string', default: '3' },
    'decoder-channels': { type: 'string', default: '64,32,16' },
    'class-rule': { type: 'string', default: 'threshold' },
    band: { type: 'string', default: '0.3,0.7' },
    coverage: { type: 'string', default: '0.95' },
  },
});
const coverage = Number(args.coverage);
const [bandLow, bandHigh] = args.band.split(',').map(Number) as [number, number];
const classRule = args['class-rule'] as 'threshold' | 'argmax';
const PARTICLE_CLASSES = [1, 2];

interface Manifest {
  experiments: Record<string, { material: string; train: string[]; val: string[]; test: string[] }>;
}
const manifest = JSON.parse(await readFile(join(BENCHMARK, 'manifest.json'), 'utf8')) as Manifest;
const experiment = manifest.experiments[args.experiment];
if (!experiment) throw new Error(`no experiment ${args.experiment} in ${BENCHMARK}`);

let checkpointPath = args.checkpoint;
if (!checkpointPath) {
  checkpointPath = join(tmpdir(), `bench-uncertainty-${args.experiment}-${args['train-steps']}-${args['train-crop']}-${args['train-lr']}.pth.tar`);
  if (!existsSync(checkpointPath)) {
    console.log(`training SMP UNet-ResNet18 on ${args.experiment} for ${args['train-steps']} steps (PyTorch, CPU) ...`);
    const trained = spawnSync('/usr/bin/python3', [
      join(ROOT, 'test', 'oracles', 'uncertainty', 'train_smp_unet.py'), '--data', BENCHMARK, '--experiment', args.experiment,
      '--steps', args['train-steps'], '--crop', args['train-crop'], '--lr', args['train-lr'], '--depth', args['encoder-depth'], '--decoder', args['decoder-channels'], '--out', checkpointPath,
    ], { stdio: 'inherit' });
    if (trained.status !== 0) throw new Error('training failed');
  }
}

await initBackend({ preferred: 'wasm' });
const { model } = importCheckpoint(await readCheckpoint(await readFile(checkpointPath)), {
  architecture: 'unet',
  encoder: 'resnet18',
  encoderDepth: Number(args['encoder-depth']),
  decoderChannels: args['decoder-channels'].split(',').map(Number),
});

async function load(folder: string, name: string) {
  return decodeImage(await readFile(join(BENCHMARK, folder, experiment!.material, `${name}.png`)));
}

/** A benchmark image segmented by the model with its probability band, beside its truth mask. */
async function segmentBenchmarkImage(name: string) {
  const [image, truthImage] = await Promise.all([load('images', name), load('masks', name)]);
  const { width, height } = image.info;
  const result = await segmentImage({
    image: { data: image.pixels, width, height, channels: image.info.channels, bitDepth: image.info.bitDepth },
    model,
    workers: 0,
    classRule,
    probabilityBand: { low: bandLow, high: bandHigh },
  });
  return { width, height, truthImage, result };
}

// A coating (EBC): the layer's thickness is what is measured, and the paper's task is binary (the
// oxide, mask values 1 and 2, against the background), as the checkpoint was trained.
if (experiment.material === 'ebc') {
  const images: LabelledImage[] = [];
  for (const [split, names] of [['test', experiment.test], ['val', experiment.val]] as const) {
    for (const name of names) {
      const { width, height, truthImage, result } = await segmentBenchmarkImage(name);
      const toMask = (data: ArrayLike<number>) => createIndexMask(width, height, Uint8Array.from(data, (value) => (value > 0 ? 1 : 0)));
      images.push({ split, masks: { nominal: toMask(result.mask), lower: toMask(result.band!.lower), upper: toMask(result.band!.upper), truth: toMask(truthImage.pixels) } });
    }
  }
  console.log(`\n${args.experiment}: ${experiment.test.length} test + ${experiment.val.length} val images, class rule ${classRule}, band ${bandLow}/${bandHigh}`);
  reportThicknessCoverage(images, coverage);
  // The rest of this bench measures particles, which a coating has none of.
  process.exit(0);
}

/** The quantities checked, each read off a measurement (null: undefined there, e.g. no objects). */
const QUANTITIES = ['count', 'areaFraction', 'meanArea', 'meanEquivalentDiameter', 'medianEquivalentDiameter', 'p10EquivalentDiameter', 'p90EquivalentDiameter'] as const;
type Quantity = (typeof QUANTITIES)[number];

function truthValue(sample: MaskSample, cls: number, quantity: Quantity): number | null {
  const c = sample.classes.find((x) => x.class === cls)!;
  const sorted = Float64Array.from(c.equivalentDiameters).sort();
  const percentile = (p: number) => {
    if (sorted.length === 0) return null;
    const position = ((sorted.length - 1) * p) / 100;
    const below = Math.floor(position);
    const above = Math.min(below + 1, sorted.length - 1);
    return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
  };
  const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
  switch (quantity) {
    case 'count': return c.count;
    case 'areaFraction': return c.pixelCount / sample.totalPixels;
    case 'meanArea': return mean(c.areas);
    case 'meanEquivalentDiameter': return mean(c.equivalentDiameters);
    case 'medianEquivalentDiameter': return percentile(50);
    case 'p10EquivalentDiameter': return percentile(10);
    case 'p90EquivalentDiameter': return percentile(90);
  }
}

function intervalOf(intervals: ReturnType<typeof measurementIntervals>, cls: number, quantity: Quantity): Interval | null {
  const c = intervals.particles.find((x) => x.class === cls)!;
  switch (quantity) {
    case 'count': return c.count;
    case 'areaFraction': return c.areaFraction;
    case 'meanArea': return c.meanArea;
    case 'meanEquivalentDiameter': return c.meanEquivalentDiameter;
    case 'medianEquivalentDiameter': return c.equivalentDiameterPercentiles['50'] ?? null;
    case 'p10EquivalentDiameter': return c.equivalentDiameterPercentiles['10'] ?? null;
    case 'p90EquivalentDiameter': return c.equivalentDiameterPercentiles['90'] ?? null;
  }
}

const VARIANTS = ['reported', 'band', 'sampling'] as const;
type Variant = (typeof VARIANTS)[number];
// A coverage of ~0 gives z ~ 0: the band's spread with no sampling error.
const BAND_ONLY = 1e-9;
interface Tally { hits: number; total: number; widths: number[] }
const tallies = new Map<string, Tally>();
const tally = (key: string) => tallies.get(key) ?? (tallies.set(key, { hits: 0, total: 0, widths: [] }), tallies.get(key)!);

/** Every (field, class, quantity) with the model's number, its reported interval and the truth: what calibration reads. */
interface FieldRecord { split: 'test' | 'val'; kind: string; cls: number; quantity: Quantity; estimate: number | null; interval: Interval | null; truth: number }
const records: FieldRecord[] = [];
const validationMasks: LabelledMasks[] = [];

let pixelAgreement = 0;
let pixelTotal = 0;
const started = performance.now();
for (const [split, names] of [['test', experiment.test], ['val', experiment.val]] as const) {
  for (const name of names) {
    const { width, height, truthImage, result } = await segmentBenchmarkImage(name);
    const toMask = (data: Uint8Array | Uint16Array) => createIndexMask(width, height, Uint8Array.from(data));
    const nominal = toMask(result.mask);
    const lower = toMask(result.band!.lower);
    const upper = toMask(result.band!.upper);
    const truth = createIndexMask(width, height, Uint8Array.from(truthImage.pixels as ArrayLike<number>));
    if (split === 'val') validationMasks.push({ nominal, lower, upper, truth });
    for (let i = 0; i < nominal.data.length; i++) pixelAgreement += Number(nominal.data[i] === truth.data[i]);
    pixelTotal += nominal.data.length;

    const half = { w: Math.floor(width / 2), h: Math.floor(height / 2) };
    const fields = [
      { kind: 'image', x: 0, y: 0, w: width, h: height },
      ...[0, 1].flatMap((qy) => [0, 1].map((qx) => ({ kind: 'quadrant', x: qx * half.w, y: qy * half.h, w: half.w, h: half.h }))),
    ];
    for (const field of fields) {
      const [n, l, u, t] = [nominal, lower, upper, truth].map((m) => particleSample(cropMask(m, field.x, field.y, field.w, field.h), PARTICLE_CLASSES)) as [MaskSample, MaskSample, MaskSample, MaskSample];
      const intervals: Record<Variant, ReturnType<typeof measurementIntervals>> = {
        reported: measurementIntervals([n, l, u], { coverage }),
        band: measurementIntervals([n, l, u], { coverage: BAND_ONLY }),
        sampling: measurementIntervals([n], { coverage }),
      };
      for (const cls of PARTICLE_CLASSES) {
        for (const quantity of QUANTITIES) {
          const value = truthValue(t, cls, quantity);
          if (value === null) continue;
          records.push({ split, kind: field.kind, cls, quantity, estimate: truthValue(n, cls, quantity), interval: intervalOf(intervals.reported, cls, quantity), truth: value });
          for (const variant of VARIANTS) {
            const interval = intervalOf(intervals[variant], cls, quantity);
            for (const key of [`${split}|${field.kind}|${variant}|${cls}|${quantity}`, `all|${field.kind}|${variant}|*|${quantity}`, `all|${field.kind}|${variant}|*|*`]) {
              const entry = tally(key);
              entry.total++;
              if (contains(interval, value)) entry.hits++;
              if (interval && value !== 0) entry.widths.push((interval.high - interval.low) / Math.abs(value));
            }
          }
        }
      }
    }
  }
}

const median = (values: number[]) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const row = (key: string) => {
  const t = tallies.get(key);
  return t ? `${(t.hits / t.total).toFixed(2)} (${t.hits}/${t.total}, width ${median(t.widths).toFixed(2)})` : '-';
};
console.log(`\n${args.experiment}: ${experiment.test.length} test + ${experiment.val.length} val images, class rule ${classRule}, band ${bandLow}/${bandHigh}, nominal coverage ${coverage}`);
console.log(`pixel accuracy of the model on them: ${(pixelAgreement / pixelTotal).toFixed(4)}; ${((performance.now() - started) / 1000).toFixed(0)} s; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('coverage = share of ground-truth measurements inside the interval (hits/total, median width relative to the truth)');
for (const fieldKind of ['image', 'quadrant']) {
  console.log(`\nfields: ${fieldKind}s (test + val, classes 1 and 2)`);
  console.log(['quantity'.padEnd(26), ...VARIANTS.map((v) => v.padEnd(34))].join(''));
  for (const quantity of [...QUANTITIES, '*'] as const) {
    console.log([(quantity === '*' ? 'all quantities' : quantity).padEnd(26), ...VARIANTS.map((v) => row(`all|${fieldKind}|${v}|*|${quantity}`).padEnd(34))].join(''));
  }
}
console.log('\nper split and class (images, reported interval):');
for (const split of ['test', 'val']) {
  for (const cls of PARTICLE_CLASSES) {
    console.log(`  ${split} class ${cls}: ${QUANTITIES.map((q) => `${q} ${row(`${split}|image|reported|${cls}|${q}`).split(' ')[0]}`).join(', ')}`);
  }
}

// Calibration on the validation images (as a training job calibrates a version at registration), checked on the test images.
const validationFields = validationMasks.map((masks) => labelledImageFields(masks, PARTICLE_CLASSES, coverage));
const calibration = calibrateClassIntervals(validationFields.flatMap((v) => v.fields), PARTICLE_CLASSES, coverage);
// Where the model found no object of a class it has no number: those fields get the range the truth had there on the validation images.
const missedRanges = calibrateMissedRanges(validationFields.flatMap((v) => v.missed), PARTICLE_CLASSES, coverage);
const CALIBRATED_NAME: Record<Quantity, CalibratedQuantity> = {
  count: 'count', areaFraction: 'areaFraction', meanArea: 'meanArea', meanEquivalentDiameter: 'meanEquivalentDiameter',
  medianEquivalentDiameter: 'p50', p10EquivalentDiameter: 'p10', p90EquivalentDiameter: 'p90',
};
const scaleOf = (cls: number, quantity: Quantity) => calibration.find((c) => c.class === cls)?.scales[CALIBRATED_NAME[quantity]] ?? null;
const NON_NEGATIVE = { low: 0, high: Infinity };
const domain = (quantity: Quantity) => (quantity === 'areaFraction' ? { low: 0, high: 1 } : NON_NEGATIVE);
const calibratedOf = (r: FieldRecord): Interval | null => {
  const range = missedRanges.find((c) => c.class === r.cls)?.ranges[CALIBRATED_NAME[r.quantity]];
  if (r.estimate === null && range) return r.interval ? { low: Math.min(range.low, r.interval.low), high: Math.max(range.high, r.interval.high) } : range;
  const scale = scaleOf(r.cls, r.quantity);
  if (!scale || r.estimate === null || r.interval === null) return r.interval;
  const scaled = scaleInterval(r.estimate, r.interval, scale);
  const bounds = domain(r.quantity);
  return { low: Math.max(bounds.low, scaled.low), high: Math.min(bounds.high, scaled.high) };
};
const coverageOf = (rows: FieldRecord[], intervalOf: (r: FieldRecord) => Interval | null) => {
  const hits = rows.filter((r) => contains(intervalOf(r), r.truth)).length;
  const widths = rows.flatMap((r) => {
    const i = intervalOf(r);
    return i && r.truth !== 0 ? [(i.high - i.low) / Math.abs(r.truth)] : [];
  });
  return rows.length ? `${(hits / rows.length).toFixed(2)} (${hits}/${rows.length}, width ${median(widths).toFixed(2)})` : '-';
};
console.log(`\ncalibrated on the ${experiment.val.length} validation images (images and quadrants, per class and quantity), checked on the ${experiment.test.length} test images:`);
console.log('(where the model has no number, e.g. a mean size of a class it finds no object of, the calibrated interval is the range the truth had in such validation fields; "model has a number" leaves those out)');
console.log(['quantity'.padEnd(26), 'fields   ', 'before (band ∪ sampling)'.padEnd(36), 'after (calibrated)'.padEnd(36), 'after, model has a number'.padEnd(36), 'factor class 1 / 2'].join(''));
for (const kind of ['image', 'quadrant']) {
  for (const quantity of [...QUANTITIES, '*'] as const) {
    const rows = records.filter((r) => r.split === 'test' && r.kind === kind && (quantity === '*' || r.quantity === quantity));
    const factors = quantity === '*' ? '' : PARTICLE_CLASSES.map((c) => scaleOf(c, quantity)?.factor.toFixed(1) ?? '-').join(' / ');
    const defined = rows.filter((r) => r.estimate !== null);
    console.log([(quantity === '*' ? 'all quantities' : quantity).padEnd(26), kind.padEnd(9), coverageOf(rows, (r) => r.interval).padEnd(36), coverageOf(rows, calibratedOf).padEnd(36), coverageOf(defined, calibratedOf).padEnd(36), factors].join(''));
  }
}
