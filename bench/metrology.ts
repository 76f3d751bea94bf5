/**
 * `pnpm bench:metrology`: @microseg/metrology against scikit-image (issue 5), side by side in one run.
 * Particle analysis on generated 2048x2048 and 4096x4096 masks (large blobs; ~50k small objects) and
 * layer thickness on the 1024x1024 EBC coating masks of the MicroNet benchmark. scikit-image runs as a
 * subprocess (test/oracles/metrology/skimage_oracle.py) that times only its measuring, as we do here
 * (PNG decoding excluded on both sides); results are compared, not only timed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type IndexMask,
  analyseParticles,
  createIndexMask,
  encodeIndexMask,
  measureThickness,
  readIndexMask,
} from '@microseg/metrology';

const ORACLE = fileURLToPath(
  new URL('../test/oracles/metrology/skimage_oracle.py', import.meta.url),
);
const PYTHON = '/usr/bin/python3';
const EBC_MASKS = fileURLToPath(
  new URL('../../shared/data/micronet-benchmark/masks/ebc/', import.meta.url),
);
const WORK = join(tmpdir(), 'microseg-bench-metrology');
const RUNS = 3;

interface OracleClassSummary {
  class: number;
  count: number;
  areas: number[];
  convexAreas: number[];
  sumBbox: number[];
  sumEquivalentDiameter: number;
  sumPerimeter: number;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paints `count` ellipses with radii in [minRadius, maxRadius] of classes 1 and 2. */
function ellipses(
  size: number,
  count: number,
  minRadius: number,
  maxRadius: number,
  seed: number,
): IndexMask {
  const next = random(seed);
  const data = new Uint8Array(size * size);
  for (let i = 0; i < count; i++) {
    const cy = next() * size;
    const cx = next() * size;
    const ry = minRadius + next() * (maxRadius - minRadius);
    const rx = minRadius + next() * (maxRadius - minRadius);
    const angle = next() * Math.PI;
    const value = next() < 0.5 ? 1 : 2;
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const reach = Math.ceil(Math.max(rx, ry));
    for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(size - 1, cy + reach); y++) {
      for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(size - 1, cx + reach); x++) {
        const u = ((x - cx) * cos + (y - cy) * sin) / rx;
        const v = (-(x - cx) * sin + (y - cy) * cos) / ry;
        if (u * u + v * v <= 1) data[y * size + x] = value;
      }
    }
  }
  return createIndexMask(size, size, data);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/** Median of RUNS timed runs after two untimed ones, so that JIT warm-up and GC of the last case don't count. */
function timeOurs<T>(work: () => T): { seconds: number; result: T } {
  work();
  let result = work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = work();
    times.push((performance.now() - start) / 1000);
  }
  return { seconds: median(times), result };
}

function oracle<T>(args: string[]): { seconds: number; result: T } {
  const output = execFileSync(PYTHON, [ORACLE, 'timing', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return JSON.parse(output) as { seconds: number; result: T };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const row = (cells: (string | number)[]) =>
  console.log(cells.map((c) => String(c).padEnd(16)).join(''));

async function particles(): Promise<number[]> {
  const cases = [
    { name: 'blobs-2048', mask: ellipses(2048, 3000, 4, 40, 1) },
    { name: 'small-2048', mask: ellipses(2048, 50000, 0.6, 2.6, 2) },
    { name: 'blobs-4096', mask: ellipses(4096, 12000, 4, 40, 3) },
    { name: 'small-4096', mask: ellipses(4096, 50000, 0.8, 3.5, 4) },
  ];
  console.log(
    '\nparticle analysis (8-connectivity, all regionprops + statistics), median of 3 runs here (after 2 warm-up runs)',
  );
  row(['mask', 'objects', 'ours (s)', 'skimage (s)', 'speed-up', 'identical']);
  const ratios: number[] = [];
  for (const { name, mask } of cases) {
    const path = join(WORK, `${name}.png`);
    writeFileSync(path, await encodeIndexMask(mask));
    const ours = timeOurs(() => analyseParticles(mask, { classes: [1, 2], connectivity: 8 }));
    const theirs = oracle<OracleClassSummary[]>([
      'particles',
      path,
      '--classes',
      '1,2',
      '--connectivity',
      '8',
    ]);
    const identical = theirs.result.every((expected, i) => {
      const objects = ours.result.classes[i]!.objects;
      return (
        objects.length === expected.count &&
        objects.every(
          (o, j) => o.area === expected.areas[j] && o.convexArea === expected.convexAreas[j],
        ) &&
        [0, 1, 2, 3].every((k) => sum(objects.map((o) => o.bbox[k]!)) === expected.sumBbox[k]) &&
        close(sum(objects.map((o) => o.equivalentDiameter)), expected.sumEquivalentDiameter) &&
        close(sum(objects.map((o) => o.perimeter)), expected.sumPerimeter)
      );
    });
    const objects = sum(ours.result.classes.map((c) => c.count));
    const ratio = theirs.seconds / ours.seconds;
    ratios.push(ratio);
    row([
      name,
      objects,
      ours.seconds.toFixed(3),
      theirs.seconds.toFixed(3),
      `${ratio.toFixed(1)}x`,
      identical ? 'yes' : 'NO',
    ]);
  }
  return ratios;
}

async function thickness(): Promise<number[]> {
  if (!existsSync(EBC_MASKS)) {
    console.log(`\nthickness: ${EBC_MASKS} not found, skipped`);
    return [];
  }
  console.log(
    '\nlayer thickness (classes 1,2, radius 5, min area 1000) on the EBC coating masks, median of 3 runs here (after 2 warm-up runs)',
  );
  row([
    'mask',
    'mean (ours)',
    'mean (skimage)',
    'ours (s)',
    'skimage (s)',
    'speed-up',
    'same layer',
  ]);
  const ratios: number[] = [];
  for (const file of readdirSync(EBC_MASKS)
    .filter((f) => f.endsWith('.png'))
    .sort()) {
    const path = join(EBC_MASKS, file);
    const mask = await readIndexMask(path);
    const ours = timeOurs(() => measureThickness(mask, { classes: [1, 2] }));
    const theirs = oracle<{ meanThickness: number; layerPixels?: number }>([
      'thickness',
      path,
      '--classes',
      '1,2',
    ]);
    const ratio = theirs.seconds / ours.seconds;
    ratios.push(ratio);
    const sameLayer =
      theirs.result.layerPixels === undefined ||
      theirs.result.layerPixels === ours.result.layerPixels;
    row([
      file.slice(0, 15),
      ours.result.thickness.mean!.toFixed(2),
      theirs.result.meanThickness.toFixed(2),
      ours.seconds.toFixed(3),
      theirs.seconds.toFixed(3),
      `${ratio.toFixed(1)}x`,
      sameLayer ? 'yes' : 'NO',
    ]);
  }
  return ratios;
}

mkdirSync(WORK, { recursive: true });
const geometricMean = (values: number[]) => Math.exp(sum(values.map(Math.log)) / values.length);
const particleRatios = await particles();
const thicknessRatios = await thickness();
console.log(
  `\nspeed-up vs scikit-image (geometric mean): particles ${geometricMean(particleRatios).toFixed(1)}x` +
    (thicknessRatios.length
      ? `, thickness ${geometricMean(thicknessRatios).toFixed(1)}x (min ${Math.min(...thicknessRatios).toFixed(1)}x)`
      : ''),
);
