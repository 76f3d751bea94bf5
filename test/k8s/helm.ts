/** `helm` on the chart (the binary from ./k8s-tools.ts), offline. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { layerBinary } from './k8s-tools.ts';
import { type Manifest, asManifest } from './manifest.ts';
import { validateManifest } from './validate-manifest.ts';
import { ROOT } from './rendered-overlays.ts';

export const CHART = resolve(ROOT, 'helm', 'microseg');

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A copy of the chart whose dependencies are empty charts of the declared names and versions: the
 * subcharts (NATS, PostgreSQL, MinIO) live in registries this machine cannot reach, and what is
 * tested here is this chart's own templates and schema.
 */
function offlineChart(): string {
  const dir = mkdtempSync(join(tmpdir(), 'microseg-chart-'));
  const chart = join(dir, 'microseg');
  cpSync(CHART, chart, { recursive: true });
  const { dependencies } = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as { dependencies: { name: string; version: string }[] };
  for (const dependency of dependencies) {
    mkdirSync(join(chart, 'charts', dependency.name), { recursive: true });
    writeFileSync(join(chart, 'charts', dependency.name, 'Chart.yaml'), stringify({ apiVersion: 'v2', name: dependency.name, version: dependency.version }));
  }
  return chart;
}

let chartCopy: string | undefined;
function chartDir(): string {
  chartCopy ??= offlineChart();
  return chartCopy;
}

/** Removes the chart copy (call from afterAll). */
export function removeChartCopy(): void {
  if (chartCopy) rmSync(dirname(chartCopy), { recursive: true, force: true });
  chartCopy = undefined;
}

/** Runs helm with these arguments on the chart (`CHART` in them stands for its path) and these values. */
export function helm(args: string[], values: object = {}): HelmResult {
  const valuesFile = join(dirname(chartDir()), `values-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  // JSON, not YAML: helm reads YAML 1.1, where an unquoted yes or on is a boolean.
  writeFileSync(valuesFile, JSON.stringify(values));
  try {
    const result = spawnSync(layerBinary('helm'), [...args.map((arg) => (arg === 'CHART' ? chartDir() : arg)), '--values', valuesFile], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      // Its caches and config in the copy's folder, not the user's home.
      env: { ...process.env, HELM_CACHE_HOME: join(dirname(chartDir()), 'cache'), HELM_CONFIG_HOME: join(dirname(chartDir()), 'config'), HELM_DATA_HOME: join(dirname(chartDir()), 'data') },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(valuesFile, { force: true });
  }
}

/**
 * `helm template` of the chart as release `release` in namespace `microseg`, each object validated
 * against its Kubernetes API schema; throws with helm's message when helm refuses.
 */
export function helmTemplate(values: object = {}, release = 'microseg'): Manifest[] {
  const result = helm(['template', release, 'CHART', '--namespace', 'microseg'], values);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const manifests = parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as unknown)
    .filter((object) => object !== null)
    .map((object) => asManifest(object, 'helm template'));
  manifests.forEach(validateManifest);
  return manifests;
}
