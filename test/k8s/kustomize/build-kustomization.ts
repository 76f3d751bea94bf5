import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type JsonObject, type Manifest, asManifest, isObject, manifestId, podTemplateOf } from './manifest.ts';
import { strategicMerge } from './strategic-merge.ts';

/**
 * The part of kustomize that MicroSeg's k8s/ uses, so CI can render the overlays without the
 * kubectl binary: `resources` (files and kustomization directories), `components`, `namespace`,
 * `labels`, `patches` (strategic merge, from a file or inline, matched by kind and name), `images`
 * and `configMapGenerator` (files, without the name hash).
 * Any other field stops the build rather than being ignored. `kubectl kustomize` is the real
 * renderer; test/k8s checks that the two agree on what matters.
 */
const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'components', 'namespace', 'labels', 'patches', 'images', 'configMapGenerator']);

interface ConfigMapGeneratorEntry {
  name: string;
  files?: string[];
  options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
}

/** Kinds that live outside namespaces (the ones a MicroSeg overlay may contain). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'RuntimeClass', 'StorageClass']);

interface LabelsEntry {
  pairs: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
}

export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
      return document.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined)
    .map((value) => asManifest(value, file));
}

function readKustomization(dir: string): JsonObject {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const [document] = parseAllDocuments(readFileSync(file, 'utf8'));
  const kustomization = document?.toJS() as unknown;
  if (!isObject(kustomization)) throw new Error(`${file}: not a mapping`);
  for (const field of Object.keys(kustomization)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new Error(`${file}: "${field}" is not supported by this renderer; use kubectl kustomize`);
  }
  return kustomization;
}

function applyPatch(manifests: Manifest[], patch: Manifest, source: string): Manifest[] {
  const id = manifestId(patch);
  const index = manifests.findIndex((manifest) => manifestId(manifest) === id);
  if (index < 0) throw new Error(`${source}: the patch targets ${id}, which no resource is`);
  const patched = manifests.slice();
  patched[index] = strategicMerge(manifests[index]!, patch) as Manifest;
  return patched;
}

function setImage(container: JsonObject, images: ImageEntry[]): void {
  if (typeof container.image !== 'string') return;
  const [name, tag] = splitImage(container.image);
  const entry = images.find((image) => image.name === name);
  if (!entry) return;
  const newTag = entry.newTag ?? tag;
  container.image = `${entry.newName ?? name}${newTag === undefined ? '' : `:${newTag}`}`;
}

function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
}

function transform(manifest: Manifest, kustomization: JsonObject): Manifest {
  const result = structuredClone(manifest);
  const namespace = kustomization.namespace;
  if (typeof namespace === 'string') {
    if (result.kind === 'Namespace') result.metadata.name = namespace;
    else if (!CLUSTER_SCOPED.has(result.kind)) result.metadata.namespace = namespace;
  }
  for (const entry of (kustomization.labels ?? []) as LabelsEntry[]) {
    if (entry.includeSelectors) throw new Error('labels.includeSelectors is not supported by this renderer');
    result.metadata.labels = { ...result.metadata.labels, ...entry.pairs };
    const template = podTemplateOf(result);
    if (entry.includeTemplates && template) {
      template.metadata ??= {};
      template.metadata.labels = { ...(template.metadata.labels as Record<string, string> | undefined), ...entry.pairs };
    }
    // Like kustomize, templates include a StatefulSet's volume claim templates.
    const claims = isObject(result.spec) && Array.isArray(result.spec['volumeClaimTemplates']) ? (result.spec['volumeClaimTemplates'] as JsonObject[]) : [];
    for (const claim of entry.includeTemplates ? claims : []) {
      const metadata = (claim.metadata ??= {}) as JsonObject;
      metadata.labels = { ...(metadata.labels as Record<string, string> | undefined), ...entry.pairs };
    }
  }
  const images = (kustomization.images ?? []) as ImageEntry[];
  const template = podTemplateOf(result);
  if (template && images.length > 0) {
    for (const field of ['initContainers', 'containers']) {
      for (const container of (template.spec[field] ?? []) as JsonObject[]) setImage(container, images);
    }
  }
  return result;
}

function generateConfigMap(root: string, entry: ConfigMapGeneratorEntry): Manifest {
  if (!entry.options?.disableNameSuffixHash) throw new Error(`${root}: configMapGenerator ${entry.name} needs options.disableNameSuffixHash with this renderer`);
  const data = Object.fromEntries((entry.files ?? []).map((file) => [basename(file), readFileSync(resolve(root, file), 'utf8')]));
  return asManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: entry.name, ...(entry.options.labels ? { labels: entry.options.labels } : {}) }, data }, root);
}

/** A kustomization's own resources, generated ConfigMaps and components, before its patches and transforms. */
function collect(root: string, kustomization: JsonObject): Manifest[] {
  const manifests: Manifest[] = [];
  for (const entry of (kustomization.resources ?? []) as string[]) {
    const path = resolve(root, entry);
    manifests.push(...(statSync(path).isDirectory() ? buildKustomization(path) : readManifests(path)));
  }
  for (const entry of (kustomization.configMapGenerator ?? []) as ConfigMapGeneratorEntry[]) manifests.push(generateConfigMap(root, entry));
  for (const entry of (kustomization.components ?? []) as string[]) {
    const componentRoot = resolve(root, entry);
    const component = readKustomization(componentRoot);
    manifests.push(...collect(componentRoot, component));
  }
  return manifests;
}

/** Builds a kustomization directory into its list of manifests, like `kubectl kustomize DIR`. */
export function buildKustomization(dir: string): Manifest[] {
  const root = resolve(dir);
  const kustomization = readKustomization(root);
  let manifests = collect(root, kustomization);
  for (const entry of (kustomization.patches ?? []) as { path?: string; patch?: string }[]) {
    const source = entry.path ? resolve(root, entry.path) : `${root} (inline patch)`;
    const patches = entry.path
      ? readManifests(source)
      : parseAllDocuments(entry.patch ?? '').map((document) => asManifest(document.toJS(), source));
    for (const patch of patches) manifests = applyPatch(manifests, patch, source);
  }
  const seen = new Set<string>();
  for (const manifest of manifests) {
    const id = manifestId(manifest);
    if (seen.has(id)) throw new Error(`${root}: ${id} is defined twice`);
    seen.add(id);
  }
  return manifests.map((manifest) => transform(manifest, kustomization));
}
