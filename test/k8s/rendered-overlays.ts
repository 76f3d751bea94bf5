import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { layerBinary } from './k8s-tools.ts';
import { buildKustomization } from './kustomize/build-kustomization.ts';
import { type JsonObject, type Manifest, asManifest, podTemplateOf } from './kustomize/manifest.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

const cache = new Map<Overlay, Manifest[]>();

/**
 * kubectl with its built-in kustomize (the real renderer): the machine's, else the one the test
 * dependencies ship (./k8s-tools.ts); none only where that package could not be unpacked.
 */
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0 ? 'kubectl' : shippedKubectl();
export const hasKubectl = kubectl !== undefined;

function shippedKubectl(): string | undefined {
  try {
    return layerBinary('kubectl');
  } catch {
    return undefined;
  }
}

/** `kubectl kustomize DIR`, parsed. */
export function kubectlKustomize(dir: string): Manifest[] {
  if (!kubectl) throw new Error('no kubectl');
  const result = spawnSync(kubectl, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => asManifest(document.toJS(), dir));
}

/**
 * The rendered manifests of an overlay (built once per test file): by `kubectl kustomize` where
 * kubectl is installed, else by the renderer in ./kustomize, which renderer-parity.test.ts keeps
 * equal to kubectl's on every overlay.
 */
export function render(overlay: Overlay): Manifest[] {
  let manifests = cache.get(overlay);
  if (!manifests) {
    const dir = resolve(ROOT, 'k8s', 'overlays', overlay);
    manifests = hasKubectl ? kubectlKustomize(dir) : buildKustomization(dir);
    cache.set(overlay, manifests);
  }
  return manifests;
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const manifest = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!manifest) throw new Error(`no ${kind}/${name}`);
  return manifest;
}

export interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  securityContext?: JsonObject & { capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
  [key: string]: unknown;
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: JsonObject;
  nodeSelector?: Record<string, string>;
  tolerations?: JsonObject[];
  terminationGracePeriodSeconds?: number;
  volumes?: ({ name: string } & JsonObject)[];
  [key: string]: unknown;
}

export interface Workload {
  manifest: Manifest;
  labels: Record<string, string>;
  pod: PodSpec;
}

/** Every Deployment, StatefulSet and Job with its pod template. */
export function workloads(manifests: Manifest[]): Workload[] {
  return manifests.flatMap((manifest) => {
    const template = podTemplateOf(manifest);
    if (!template) return [];
    const labels = ((template.metadata?.labels ?? {}) as Record<string, string>) ?? {};
    return [{ manifest, labels, pod: template.spec as unknown as PodSpec }];
  });
}

export function allContainers(pod: PodSpec): Container[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

/** Whether a label selector (matchLabels only, as MicroSeg writes them) selects these labels. */
export function selects(selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>): boolean {
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}
