import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { layerBinary } from './k8s-tools.ts';
import { type JsonObject, type Manifest, asManifest, podTemplateOf } from './manifest.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

const cache = new Map<Overlay, Manifest[]>();

/**
 * `kubectl kustomize DIR`, parsed: the real renderer, always the kubectl the test dependencies ship
 * (./k8s-tools.ts) rather than whichever the machine has, so every machine renders with the same
 * kustomize.
 */
export function kubectlKustomize(dir: string): Manifest[] {
  const result = spawnSync(layerBinary('kubectl'), ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`kubectl kustomize ${dir} did not run: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => asManifest(document.toJS(), dir));
}

/** The rendered manifests of an overlay, by `kubectl kustomize` (once per test file). */
export function render(overlay: Overlay): Manifest[] {
  let manifests = cache.get(overlay);
  if (!manifests) {
    manifests = kubectlKustomize(resolve(ROOT, 'k8s', 'overlays', overlay));
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
