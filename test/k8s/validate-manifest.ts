import * as keda from '@kubernetes-models/keda';
import * as prometheusOperator from '@kubernetes-models/prometheus-operator';
import * as kubernetes from 'kubernetes-models';
import type { Manifest } from './manifest.ts';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;
type ApiGroups = Record<string, Record<string, Record<string, ModelClass | undefined> | undefined> | undefined>;

/** `networking.k8s.io` -> `networkingK8sIo`, the export names of the kubernetes-models packages. */
function groupExport(group: string): string {
  return group
    .split('.')
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/** Custom resources MicroSeg's manifests use, by API group: KEDA's ScaledObject, the Prometheus Operator's monitors and rules. */
const CRD_MODELS: Record<string, unknown> = { 'keda.sh': keda, 'monitoring.coreos.com': prometheusOperator };

function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  const kinds =
    group === ''
      ? (kubernetes as unknown as Record<string, Record<string, ModelClass | undefined> | undefined>)[version]
      : ((CRD_MODELS[group] ?? kubernetes) as unknown as ApiGroups)[groupExport(group)]?.[version];
  return kinds?.[kind];
}

/**
 * Validates a manifest against the Kubernetes API schema of its kind (kubernetes-models, and
 * @kubernetes-models/keda and /prometheus-operator for the custom resources). Throws with the schema's complaint; an
 * unknown apiVersion/kind is an error too, so nothing passes unchecked.
 */
export function validateManifest(manifest: Manifest): void {
  const Model = modelFor(manifest.apiVersion, manifest.kind);
  if (!Model) throw new Error(`${manifest.kind}/${manifest.metadata.name}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
  try {
    new Model(manifest).validate();
  } catch (error) {
    throw new Error(`${manifest.kind}/${manifest.metadata.name} is invalid: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
